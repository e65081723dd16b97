using Facturix.Domain.Users;

namespace Facturix.Domain.Campaigns;

/// <summary>One call outcome as the Outcomes tab shows it.</summary>
public sealed record CampaignOutcomeRow(
    Guid Id, string Key, string Label, int? Hotkey, int SortOrder, Guid? TargetStatusId, string? TargetStatusLabel,
    int? CallbackDelayMinutes, bool RequiresCallbackDate, bool RequiresNote, bool CountsAsContact, bool CountsAsConversion)
{
    /// <summary>The same values as an input, for the editor.</summary>
    public CampaignOutcomeInput ToInput() => new()
    {
        Label = Label, Hotkey = Hotkey, TargetStatusId = TargetStatusId, CallbackDelayMinutes = CallbackDelayMinutes,
        RequiresCallbackDate = RequiresCallbackDate, RequiresNote = RequiresNote, CountsAsContact = CountsAsContact,
        CountsAsConversion = CountsAsConversion,
    };
}

/// <summary>
/// A campaign's call outcomes (backlog 2.2.2). Same rules as <see cref="ICampaignStatusService"/>: writes need
/// <see cref="Capability.CampaignsConfigure"/> and the campaign in scope, are validated again, audited and announced.
/// </summary>
public interface ICampaignOutcomeService
{
    Task<IReadOnlyList<CampaignOutcomeRow>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>Adds an outcome at the end; its key (hook <c>outcome-{key}</c>) is the slug of the label, made unique.</summary>
    Task<Guid> AddAsync(Actor actor, Guid campaignId, CampaignOutcomeInput input, CancellationToken ct = default);

    Task UpdateAsync(Actor actor, Guid outcomeId, CampaignOutcomeInput input, CancellationToken ct = default);

    /// <summary><paramref name="orderedIds"/> must hold exactly the campaign's outcomes (else a concurrency conflict).</summary>
    Task ReorderAsync(Actor actor, Guid campaignId, IReadOnlyList<Guid> orderedIds, CancellationToken ct = default);

    /// <summary>Deletes an outcome; calls already logged with it keep their activity (its link is cleared).</summary>
    Task DeleteAsync(Actor actor, Guid outcomeId, CancellationToken ct = default);
}
