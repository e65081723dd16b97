namespace Facturix.Infrastructure.Dashboard;

/// <summary>
/// One agency day of one user's work on one campaign (<c>activity_daily</c>), kept exact by statement triggers on
/// <c>activities</c> (migration DashboardSpine, docs/decisions/0062) so dashboards sum a few thousand rows, not millions.
/// <see cref="Guid.Empty"/> stands for "no campaign" and "no user" (system activity): the key cannot hold nulls.
/// </summary>
public sealed class ActivityDailyRollup
{
    public DateOnly Day { get; set; }
    public Guid CampaignId { get; set; }
    public Guid UserId { get; set; }
    public int Calls { get; set; }
    public int Contacts { get; set; }
    public int Meetings { get; set; }
    public int EmailsSent { get; set; }
    public int Conversions { get; set; }
}
