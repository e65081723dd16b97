using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The leads board and score services' rows of the matrix (issue 13).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> BoardOperations() => new()
    {
        // The board reads like the list and moves like a status change: whoever sees the lead's campaign.
        ["ILeadBoard.GetAsync"] = (async (w, a) =>
        {
            await BoardStatusAsync(w);
            var board = await w.Get<ILeadBoard>().GetAsync(a, new LeadListQuery(CampaignId: w.Campaign.Id));
            return board.Columns.Any(c => c.Cards.Any(card => card.Id == w.Lead.Id));
        }, ThoseWhoSeeTheLead),
        ["ILeadBoard.MoveAsync"] = (async (w, a) =>
        {
            await BoardStatusAsync(w);
            var won = await w.Get<ICampaignStatusService>().AddAsync(w.Actors[Who.Admin], w.Campaign.Id,
                new CampaignStatusInput { Label = "Gagné", Stage = LeadStatus.Converted });
            await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
            var version = await db.Leads.Where(l => l.Id == w.Lead.Id).Select(l => l.Version).SingleAsync();
            await w.Get<ILeadBoard>().MoveAsync(a, w.Lead.Id, won, version);
            return true;
        }, ThoseWhoSeeTheLead),
    };

    /// <summary>The World's campaign has no statuses: a "Nouveau" column holds its lead (stage New).</summary>
    private static Task<Guid> BoardStatusAsync(World w) =>
        w.Get<ICampaignStatusService>().AddAsync(w.Actors[Who.Admin], w.Campaign.Id, new CampaignStatusInput { Label = "Nouveau", Stage = LeadStatus.New });
}
