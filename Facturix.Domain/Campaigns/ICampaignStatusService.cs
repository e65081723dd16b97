using Facturix.Domain.Leads;
using Facturix.Domain.Users;

namespace Facturix.Domain.Campaigns;

/// <summary>One status of a campaign's set as the Statuses tab shows it, with what uses it.</summary>
public sealed record CampaignStatusRow(
    Guid Id, string Key, string Label, LeadStatus Stage, string? Color, int SortOrder, int LeadCount, int OutcomeCount)
{
    public StatusCategory Category => Stage.Category();

    /// <summary>Deleting it needs somewhere to move its leads and re-point its outcomes.</summary>
    public bool InUse => LeadCount > 0 || OutcomeCount > 0;
}

/// <summary>
/// A campaign's ordered status set (backlog 2.3.3). Writes need <see cref="Capability.CampaignsConfigure"/> and the
/// campaign in the actor's scope (otherwise not found); reads, any active actor who sees the campaign. Every write is
/// audited and announces <c>CampaignChanged</c>. No write ever leaves a lead pointing at nothing.
/// </summary>
public interface ICampaignStatusService
{
    /// <summary>The statuses in funnel order, with how many leads and outcomes use each.</summary>
    Task<IReadOnlyList<CampaignStatusRow>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>Adds a status at the end; its key is the slug of the label, made unique in the campaign.</summary>
    Task<Guid> AddAsync(Actor actor, Guid campaignId, CampaignStatusInput input, CancellationToken ct = default);

    /// <summary>Renames, recolours or moves a status to another stage; a new stage is applied to its leads and outcomes in the same transaction.</summary>
    Task UpdateAsync(Actor actor, Guid statusId, CampaignStatusInput input, CancellationToken ct = default);

    /// <summary>Puts the statuses in this order; <paramref name="orderedIds"/> must hold exactly the campaign's statuses (else a concurrency conflict).</summary>
    Task ReorderAsync(Actor actor, Guid campaignId, IReadOnlyList<Guid> orderedIds, CancellationToken ct = default);

    /// <summary>
    /// Deletes a status. When leads or outcomes use it, <paramref name="moveLeadsTo"/> (another status of the same
    /// campaign) receives them in the same transaction; without it the delete is refused
    /// (<c>conflict.status-in-use</c>). The last status of a campaign cannot be deleted (<c>conflict.last-status</c>).
    /// Returns how many leads moved.
    /// </summary>
    Task<int> DeleteAsync(Actor actor, Guid statusId, Guid? moveLeadsTo, CancellationToken ct = default);
}
