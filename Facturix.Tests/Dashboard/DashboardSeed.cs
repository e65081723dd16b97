using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Npgsql;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// Two accounts, three campaigns, a manager of the first account, three BDs over the campaigns, an admin; leads in every
/// status, tasks done, and ten weeks of calls and emails per BD and campaign at times chosen to fall on both sides of
/// the agency's midnight (and across a daylight-saving change). <see cref="CountAsync"/> counts <c>activities</c> by
/// instants, never through the rollup, so the dashboard is checked against something that does not share its rules.
/// </summary>
internal sealed class DashboardSeed
{
    /// <summary>Tuesday 30 March 2027, 10:30 in Paris: two days after the clocks went forward.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 30, 8, 30, 0, TimeSpan.Zero);

    public const int DaysOfHistory = 80;

    public required Actor Admin { get; init; }
    public required Actor Manager { get; init; }
    public required Actor Bd1 { get; init; }
    public required Actor Bd2 { get; init; }
    public required Actor Bd3 { get; init; }
    public required Account AccountA { get; init; }
    public required Account AccountB { get; init; }
    public required Campaign A1 { get; init; }
    public required Campaign A2 { get; init; }
    public required Campaign B1 { get; init; }
    public required IReadOnlyDictionary<Guid, IReadOnlyList<Lead>> Leads { get; init; }

    public Guid[] ManagerCampaigns => [A1.Id, A2.Id];

    public static async Task<DashboardSeed> CreateAsync(DatabaseFixture fixture, TestData given)
    {
        if (fixture.Clock.GetUtcNow() < Now) fixture.Clock.SetUtcNow(Now);
        var admin = await given.UserAsync(Roles.Admin);
        var manager = await given.UserAsync(Roles.Manager);
        var bd1 = await given.UserAsync(Roles.BusinessDeveloper);
        var bd2 = await given.UserAsync(Roles.BusinessDeveloper);
        var bd3 = await given.UserAsync(Roles.BusinessDeveloper);
        var accountA = await given.AccountAsync();
        var accountB = await given.AccountAsync();
        var a1 = await given.CampaignAsync(accountA, CampaignState.Active, bd1);
        var a2 = await given.CampaignAsync(accountA, CampaignState.Active, bd1, bd2);
        var b1 = await given.CampaignAsync(accountB, CampaignState.Paused, bd2, bd3);
        manager = await given.AssignAccountAsync(manager, accountA);
        bd1 = await given.ActorAsync(bd1.UserId);
        bd2 = await given.ActorAsync(bd2.UserId);
        bd3 = await given.ActorAsync(bd3.UserId);

        var leads = new Dictionary<Guid, IReadOnlyList<Lead>>();
        foreach (var (campaign, i) in new[] { a1, a2, b1 }.Select((c, i) => (c, i)))
        {
            var all = new List<Lead>();
            all.AddRange(await given.LeadsAsync(campaign, 6 + i));
            all.AddRange(await given.LeadsAsync(campaign, 3, LeadStatus.Contacted));
            all.AddRange(await given.LeadsAsync(campaign, 2 + i, LeadStatus.Converted));
            all.AddRange(await given.LeadsAsync(campaign, 1, LeadStatus.NotAFit));
            leads[campaign.Id] = all;
        }

        var seed = new DashboardSeed
        {
            Admin = admin, Manager = manager, Bd1 = bd1, Bd2 = bd2, Bd3 = bd3, AccountA = accountA, AccountB = accountB,
            A1 = a1, A2 = a2, B1 = b1, Leads = leads,
        };
        await seed.WriteWorkAsync(fixture);
        return seed;
    }

    private async Task WriteWorkAsync(DatabaseFixture fixture)
    {
        var random = new Random(16);
        var work = new (Actor Who, Campaign? Where)[]
        {
            (Bd1, A1), (Bd1, A2), (Bd1, null), (Bd2, A2), (Bd2, B1), (Bd3, B1), (Manager, A1), (Manager, B1),
        };
        // Hours from UTC midnight: the first and last two land on the other agency day than their UTC date.
        double[] hours = [-1.5, 0.5, 9, 15.25, 22.5, 23.5];
        CallOutcome[] outcomes = Enum.GetValues<CallOutcome>();
        var activities = new List<Activity>();
        var today = AgencyDays.Today(fixture.Clock);
        for (var back = 0; back < DaysOfHistory; back++)
        {
            var date = today.AddDays(-back).ToDateTime(TimeOnly.MinValue);
            foreach (var (who, where) in work)
            {
                var lead = where is null ? null : Leads[where.Id][random.Next(Leads[where.Id].Count)];
                Activity New(ActivityKind kind) => new()
                {
                    Id = Guid.CreateVersion7(), Kind = kind, UserId = who.UserId, CampaignId = where?.Id, AccountId = where?.AccountId,
                    LeadId = lead?.Id,
                    OccurredAt = new DateTimeOffset(date, TimeSpan.Zero).AddHours(hours[random.Next(hours.Length)]),
                    CreatedAt = Now,
                };
                for (var c = random.Next(4); c > 0; c--)
                {
                    var call = New(ActivityKind.Call);
                    call.Outcome = random.Next(6) == 0 ? null : outcomes[random.Next(outcomes.Length)];
                    activities.Add(call);
                }
                for (var e = random.Next(3); e > 0; e--)
                {
                    var email = New(ActivityKind.Email);
                    email.Direction = random.Next(3) switch { 0 => CallDirection.Inbound, 1 => CallDirection.Outbound, _ => null };
                    activities.Add(email);
                }
                if (random.Next(4) == 0) activities.Add(New(ActivityKind.Note));
            }
        }

        var tasks = new List<TaskItem>();
        foreach (var (who, n) in new[] { (Bd1, 0), (Bd2, 1), (Bd3, 2) })
            for (var back = 0; back < 40; back += 1 + n)
                tasks.Add(new TaskItem
                {
                    Id = Guid.CreateVersion7(), Title = "Relancer", AssigneeId = who.UserId, CreatedAt = Now, UpdatedAt = Now,
                    CompletedAt = back % 5 == 4 ? null : Now.AddDays(-back).AddHours(hours[back % hours.Length] - 8.5),
                });

        await using var db = fixture.NewDb();
        db.Activities.AddRange(activities);
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync();
    }

    /// <summary>Calls, contacts, meetings, emails sent over <paramref name="days"/>, counted on <c>activities</c> by instants.</summary>
    public static async Task<long[]> CountAsync(string connectionString, DayRange days, Guid? user, Guid[]? campaigns)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE kind = 'Call'),
                   count(*) FILTER (WHERE kind = 'Call' AND outcome IN ('Interested', 'NotAFit', 'MeetingBooked', 'CallBack')),
                   count(*) FILTER (WHERE kind = 'Call' AND outcome = 'MeetingBooked'),
                   count(*) FILTER (WHERE kind = 'Email' AND (direction IS NULL OR direction <> 'Inbound'))
            FROM activities
            WHERE occurred_at >= @start AND occurred_at < @end
              AND (@any_user OR user_id = @user) AND (@all OR campaign_id = ANY(@campaigns))
            """, connection);
        command.Parameters.AddWithValue("start", AgencyDays.StartOf(days.From).ToUniversalTime());
        command.Parameters.AddWithValue("end", AgencyDays.StartOf(days.To.AddDays(1)).ToUniversalTime());
        command.Parameters.AddWithValue("any_user", user is null);
        command.Parameters.AddWithValue("user", user ?? Guid.Empty);
        command.Parameters.AddWithValue("all", campaigns is null);
        command.Parameters.AddWithValue("campaigns", campaigns ?? []);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)];
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
