using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads.Duplicates;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>
/// The leads duplicates and merges services' rows of the matrix (issue 13). Everything needs leads.bulk (managers and
/// admins, docs/decisions/0041); groups, merges and undo also need the leads in scope. A scan covers the agency's data
/// but shows nothing, so any holder of leads.bulk may start it.
/// </summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    // Properties, not fields: the main file's Operations reads them while the static fields initialise (in file order).
    private static Who[] DuplicateDeciders => [Who.Admin, Who.ManagerInScope];
    private static Who[] ScanRequesters => [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope];

    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> DuplicateOperations() => new()
    {
        ["IDuplicateService.ListGroupsAsync"] = (async (w, a) =>
        {
            await TwinAsync(w, scan: true);
            return (await w.Get<IDuplicateService>().ListGroupsAsync(a, new PageRequest())).Items
                .Any(g => g.Members.Any(m => m.LeadId == w.Lead.Id));
        }, DuplicateDeciders),
        ["IDuplicateService.PreviewMergeAsync"] = (async (w, a) =>
        {
            var twin = await TwinAsync(w, scan: false);
            return (await w.Get<IDuplicateService>().PreviewMergeAsync(a, w.Lead.Id, twin)).MergedId == twin;
        }, DuplicateDeciders),
        ["IDuplicateService.MergeAsync"] = (async (w, a) =>
        {
            var twin = await TwinAsync(w, scan: false);
            return await w.Get<IDuplicateService>().MergeAsync(a, w.Lead.Id, twin, new HashSet<MergeField> { MergeField.City }) != Guid.Empty;
        }, DuplicateDeciders),
        ["IDuplicateService.UndoMergeAsync"] = (async (w, a) =>
        {
            var twin = await TwinAsync(w, scan: false);
            var merge = await w.Get<IDuplicateService>().MergeAsync(w.Actors[Who.Admin], w.Lead.Id, twin, new HashSet<MergeField>());
            await w.Get<IDuplicateService>().UndoMergeAsync(a, merge);
            return true;
        }, DuplicateDeciders),
        ["IDuplicateService.RecentMergesAsync"] = (async (w, a) =>
        {
            var twin = await TwinAsync(w, scan: false);
            var merge = await w.Get<IDuplicateService>().MergeAsync(w.Actors[Who.Admin], w.Lead.Id, twin, new HashSet<MergeField>());
            return (await w.Get<IDuplicateService>().RecentMergesAsync(a)).Any(m => m.Id == merge);
        }, DuplicateDeciders),
        ["IDuplicateService.DismissAsync"] = (async (w, a) =>
        {
            await TwinAsync(w, scan: true);
            await using var db = w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContext();
            var group = await db.LeadDuplicateMembers.Where(m => m.LeadId == w.Lead.Id).Select(m => m.GroupId).FirstAsync();
            await w.Get<IDuplicateService>().DismissAsync(a, group);
            return true;
        }, DuplicateDeciders),
        ["IDuplicateService.RequestScanAsync"] = (async (w, a) =>
        {
            await w.Get<IDuplicateService>().RequestScanAsync(a);
            return true;
        }, ScanRequesters),
        ["IDuplicateService.IsScanRunningAsync"] = (async (w, a) =>
            !await w.Get<IDuplicateService>().IsScanRunningAsync(a), ScanRequesters),
    };

    /// <summary>A second lead in the world's campaign with the world lead's email; optionally scanned into groups.</summary>
    private static async Task<Guid> TwinAsync(World w, bool scan)
    {
        await using (var db = w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContext())
        {
            var twin = new Lead
            {
                Id = Guid.CreateVersion7(), CampaignId = w.Campaign.Id, AccountId = w.Account.Id,
                FirstName = w.Lead.FirstName, LastName = w.Lead.LastName, Company = w.Lead.Company, Email = w.Lead.Email,
                City = "Nantes", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Leads.Add(twin);
            await db.SaveChangesAsync();
            if (scan) await w.Get<DuplicateScanner>().ScanAsync();
            return twin.Id;
        }
    }
}
