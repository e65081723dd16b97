using Facturix.Domain.Users;

namespace Facturix.Domain.Campaigns;

/// <summary>Someone assigned to a campaign.</summary>
public sealed record CampaignAssignee(Guid UserId, string Email, string DisplayName, DateTimeOffset AssignedAt);

/// <summary>Someone who could be assigned: an active BD not yet on the campaign.</summary>
public sealed record AssignmentCandidate(Guid UserId, string Email, string DisplayName);

/// <summary>
/// Who works a campaign. An assignment is what puts the campaign in a BD's scope, so every change announces
/// <c>AccessChanged</c> for that person: their open tabs gain or lose the campaign without reloading.
/// </summary>
public interface ICampaignAssignmentService
{
    /// <summary>The people assigned, by name. Any active staff member with the campaign in scope (a BD sees their team).</summary>
    Task<IReadOnlyList<CampaignAssignee>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>
    /// Active BDs not yet assigned, matching <paramref name="search"/> in name or email (all when empty), at most
    /// <see cref="MaxCandidates"/>. <see cref="Capability.CampaignsAssign"/>, campaign in scope.
    /// </summary>
    Task<IReadOnlyList<AssignmentCandidate>> ListCandidatesAsync(Actor actor, Guid campaignId, string? search, CancellationToken ct = default);

    /// <summary>Assigns these active BDs (already assigned ones are skipped). <see cref="Capability.CampaignsAssign"/>, campaign in scope.</summary>
    Task AssignAsync(Actor actor, Guid campaignId, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default);

    /// <summary>
    /// Removes one person and releases the leads they hold locked in this campaign; nothing happens if they were not
    /// assigned. <see cref="Capability.CampaignsAssign"/>, campaign in scope.
    /// </summary>
    Task RemoveAsync(Actor actor, Guid campaignId, Guid userId, CancellationToken ct = default);

    /// <summary>The most candidates one search returns: the dialog asks people to narrow it down beyond that.</summary>
    public const int MaxCandidates = 50;
}
