using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Tests.Support;

/// <summary>
/// An <see cref="ICampaignService"/> that refuses every call: a component test's double overrides only what its
/// component asks for, so a call it did not expect fails the test loudly.
/// </summary>
internal abstract class CampaignServiceDouble : ICampaignService
{
    public virtual Task<PagedResult<CampaignRow>> ListAsync(Actor actor, CampaignQuery query, PageRequest page, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public virtual Task<CampaignDetails> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default) => throw new NotSupportedException();
    public virtual Task<IReadOnlyList<AccountChoice>> ListAccountChoicesAsync(Actor actor, string? search, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public virtual Task<Guid> CreateAsync(Actor actor, CampaignInput input, CancellationToken ct = default) => throw new NotSupportedException();
    public virtual Task<Guid> CopyAsync(Actor actor, Guid sourceCampaignId, string newName, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public virtual Task UpdateAsync(Actor actor, Guid campaignId, CampaignInput input, uint expectedVersion, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public virtual Task UpdateSettingsAsync(Actor actor, Guid campaignId, CampaignSettingsInput input, uint expectedVersion, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public virtual Task ChangeStateAsync(Actor actor, Guid campaignId, CampaignState target, uint expectedVersion, CancellationToken ct = default) =>
        throw new NotSupportedException();
}
