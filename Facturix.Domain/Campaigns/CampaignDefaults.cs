using Facturix.Domain.Leads;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// The global default status set and call outcomes copied into every new campaign (backlog 2.2.2, 2.3.3). Labels are
/// data the agency renames per campaign, so the defaults are written in the agency's language (French); keys are
/// stable and drive the UI-contract hooks (<c>outcome-no-answer</c>, ...).
/// </summary>
public static class CampaignDefaults
{
    public sealed record StatusTemplate(string Key, string Label, LeadStatus Stage, string Color);

    /// <param name="TargetStatusKey">Key of the <see cref="Statuses"/> entry the lead moves to; null leaves it.</param>
    public sealed record OutcomeTemplate(
        string Key, string Label, int Hotkey, string? TargetStatusKey, int? CallbackDelayMinutes,
        bool RequiresCallbackDate, bool RequiresNote, bool CountsAsContact, bool CountsAsConversion);

    /// <summary>In funnel order; one per global stage so a fresh campaign maps every lead.</summary>
    public static IReadOnlyList<StatusTemplate> Statuses { get; } =
    [
        new("nouveau", "Nouveau", LeadStatus.New, "#6B7785"),
        new("a-rappeler", "À rappeler", LeadStatus.Attempted, "#3B82F6"),
        new("en-discussion", "En discussion", LeadStatus.Contacted, "#8B5CF6"),
        new("interesse", "Intéressé", LeadStatus.Interested, "#F2A93B"),
        new("rdv-pris", "RDV pris", LeadStatus.MeetingBooked, "#14B8A6"),
        new("gagne", "Gagné", LeadStatus.Converted, "#3BBF7A"),
        new("pas-interesse", "Pas intéressé", LeadStatus.NotAFit, "#E5484D"),
        new("ne-pas-appeler", "Ne pas appeler", LeadStatus.DoNotContact, "#1F2933"),
    ];

    public static IReadOnlyList<OutcomeTemplate> Outcomes { get; } =
    [
        new("no-answer", "Pas de réponse", 1, "a-rappeler", 240, false, false, false, false),
        new("voicemail", "Messagerie", 2, "a-rappeler", 1440, false, false, false, false),
        new("interested", "Intéressé", 3, "interesse", null, true, false, true, false),
        new("not-a-fit", "Pas intéressé", 4, "pas-interesse", null, false, true, true, false),
    ];
}
