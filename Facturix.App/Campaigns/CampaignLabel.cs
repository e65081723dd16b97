using System.Globalization;

namespace Facturix.App.Campaigns;

/// <summary>
/// A campaign as a choice or a cell names its client after it ("Printemps · Logivia"): two clients' "Relance T1" must read
/// apart. Agencies often put the client in the campaign's name already ("Nexalis Télécom — Cabinets comptables"); the
/// client then is not repeated after it.
/// </summary>
public static class CampaignLabel
{
    private const CompareOptions Loosely = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;

    public static string Of(string campaignName, string accountName) =>
        NeedsItsClient(campaignName, accountName) ? $"{campaignName} · {accountName}" : campaignName;

    /// <summary>Whether the client's name should follow: not when the campaign's has it, whatever the case and accents.</summary>
    public static bool NeedsItsClient(string campaignName, string accountName) =>
        !string.IsNullOrWhiteSpace(accountName) &&
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(campaignName, accountName.Trim(), Loosely) < 0;
}
