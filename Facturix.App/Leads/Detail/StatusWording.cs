using Facturix.App.Localization;
using Facturix.Domain.Leads;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Leads.Detail;

/// <summary>
/// A status change on the lead's timeline in its campaign's words. An activity records the stages (from, to) and, when the
/// move named a campaign status (the status chip, a board card, an outcome), that status's label as its subject. A stage
/// reads as the campaign's status when the campaign has exactly one for it; with several, or none, the stage's own name is
/// the only true one.
/// </summary>
public static class StatusWording
{
    public static string Change(IStringLocalizer<EnumStrings> strings, IReadOnlyList<LeadFilterStatus> campaignStatuses,
        LeadStatus? from, LeadStatus? to, string? chosenLabel)
    {
        string Word(LeadStatus stage) =>
            campaignStatuses.Where(s => s.Stage == stage).Take(2).ToList() is [var only] ? only.Label : strings.Label(stage);

        var after = !string.IsNullOrWhiteSpace(chosenLabel) ? chosenLabel : to is { } stage ? Word(stage) : null;
        return (from, after) switch
        {
            (null, null) => "",
            (null, { } only) => only,
            ({ } before, null) => $"{Word(before)} → —",
            ({ } before, { } now) => $"{Word(before)} → {now}",
        };
    }
}
