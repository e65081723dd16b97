using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

/// <summary>The guards shared by the status-set and outcome services: who may read or configure a campaign's setup.</summary>
internal static class CampaignSetupAccess
{
    /// <summary>Any active actor who sees the campaign; otherwise not found.</summary>
    public static async Task<Campaign> ForReadAsync(FacturixDb db, Actor actor, Guid campaignId, CancellationToken ct)
    {
        actor.DemandActive();
        return await Scope.Campaigns(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
    }

    /// <summary>Configuring needs <see cref="Capability.CampaignsConfigure"/> and the campaign in scope (otherwise not found).</summary>
    public static async Task<Campaign> ForWriteAsync(FacturixDb db, Actor actor, Guid campaignId, CancellationToken ct)
    {
        actor.Demand(Capability.CampaignsConfigure);
        return await Scope.Campaigns(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
    }
}
