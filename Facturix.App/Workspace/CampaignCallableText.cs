using System.Globalization;
using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.Domain.Workspace;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Workspace;

/// <summary>
/// What the selector and the campaign buttons say of a campaign's queue: "12 appelables", or, with nothing callable while
/// its calling hours are closed, when they open ("0 appelable · ouvre à 09:00", "… ouvre demain à 09:00"), so a BD early in the morning reads why
/// every queue is empty instead of opening each one to find out.
/// </summary>
public static class CampaignCallableText
{
    public static string Of(IStringLocalizer<WorkspaceStrings> strings, UserClock clock, WorkspaceCampaign campaign)
    {
        var count = strings.Count("Campaign.Callable", campaign.CallableNow);
        if (campaign.CallableNow > 0 || campaign.OpensAt is not { } opens) return count;
        var local = clock.ToLocal(opens);
        var today = clock.Now.Date;
        var time = local.ToString("t", CultureInfo.CurrentCulture);
        // Evenings read "demain à 09:00": a daily window closed for the night opens the next morning.
        if (local.Date == today) return strings["Campaign.ClosedOpensToday", count, time];
        if (local.Date == today.AddDays(1)) return strings["Campaign.ClosedOpensTomorrow", count, time];
        return strings["Campaign.ClosedOpensLater", count, local.ToString("g", CultureInfo.CurrentCulture)];
    }
}
