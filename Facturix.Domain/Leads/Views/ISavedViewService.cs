using Facturix.Domain.Users;

namespace Facturix.Domain.Leads.Views;

/// <summary>One chip of the leads list: a view of the actor's own or one shared by the team.</summary>
public sealed record SavedViewRow(
    Guid Id, string Name, bool IsShared, bool IsMine, string OwnerName, LeadViewDefinition Definition, DateTimeOffset UpdatedAt);

/// <summary>
/// Saved views of the leads list (backlog 2.3.1) and campaign presets (2.3.2). Views are private to their owner unless
/// shared; sharing and presets need <see cref="SavedViewRules.CanShare"/>; a preset is a shared view, set on a campaign in
/// the actor's scope. Sharing, unsharing and presets are audited; every change announces <c>SavedViewsChanged</c>.
/// </summary>
public interface ISavedViewService
{
    /// <summary>The actor's views and the team's shared ones (those pinned to a campaign or account the actor cannot see are left out), by name.</summary>
    Task<IReadOnlyList<SavedViewRow>> ListAsync(Actor actor, CancellationToken ct = default);

    /// <summary>
    /// Creates a view (<paramref name="viewId"/> null) or renames/updates/shares one of the actor's own. A name already used by
    /// the same owner is a validation failure <c>view.name.taken</c> on Name. Unsharing a view clears the presets using it.
    /// </summary>
    Task<Guid> SaveAsync(Actor actor, Guid? viewId, SavedViewInput input, CancellationToken ct = default);

    /// <summary>Deletes one of the actor's views, or (<see cref="SavedViewRules.CanDeleteOthers"/>) someone else's shared one.</summary>
    Task DeleteAsync(Actor actor, Guid viewId, CancellationToken ct = default);

    /// <summary>Makes the shared view <paramref name="viewId"/> the campaign's default view, or clears it (null).</summary>
    Task SetCampaignPresetAsync(Actor actor, Guid campaignId, Guid? viewId, CancellationToken ct = default);

    /// <summary>
    /// The campaign's default view with its filter pinned to the campaign, or null when it has none. Anyone who sees the
    /// campaign may read it (BDs land on it when they open the campaign's leads).
    /// </summary>
    Task<SavedViewRow?> GetCampaignPresetAsync(Actor actor, Guid campaignId, CancellationToken ct = default);
}
