using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads;

/// <summary>
/// The leads list narrowed to one import (<c>/leads?import=…</c>, the import result's link): the leads it created and the
/// ones it updated, nothing else, and its name only for someone whose scope holds its campaign.
/// </summary>
public sealed class LeadImportFilterTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private ILeadQueries Queries => Get<ILeadQueries>();

    [Fact]
    public async Task An_import_filter_lists_the_leads_it_created_and_updated_and_nothing_else()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var import = await ImportAsync(campaign, admin, "clients-mars.csv");
        var other = await ImportAsync(campaign, admin, "clients-avril.csv");
        var created = await LeadAsync(campaign, import.Id);
        var updated = await LeadAsync(campaign, importId: null);
        var untouched = await LeadAsync(campaign, importId: null);
        var byTheOther = await LeadAsync(campaign, other.Id);
        await using (var db = NewDb())
        {
            db.ImportLeadUpdates.Add(new ImportLeadUpdate { ImportId = import.Id, LeadId = updated.Id, Before = "{}", WrittenAt = T0 });
            await db.SaveChangesAsync();
        }

        var page = await Queries.ListAsync(admin, new LeadListQuery(CampaignId: campaign.Id, ImportId: import.Id), new PageRequest(PageSize: 50));

        Assert.Equal(new[] { created.Id, updated.Id }.Order(), page.Items.Select(r => r.Id).Order());
        Assert.Equal(2, page.Total);
        Assert.DoesNotContain(page.Items, r => r.Id == untouched.Id || r.Id == byTheOther.Id);
        // The other filters still apply on top of it.
        var searched = await Queries.ListAsync(admin, new LeadListQuery(ImportId: import.Id, Search: created.LastName), new PageRequest());
        Assert.Equal([created.Id], searched.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task The_import_is_named_only_for_someone_who_sees_its_campaign()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var manager = await Given.UserAsync(Roles.Manager);
        var mine = await Given.AccountAsync();
        var theirs = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, mine);
        var myImport = await ImportAsync(await Given.CampaignAsync(mine), admin, "mes-leads.csv");
        var theirImport = await ImportAsync(await Given.CampaignAsync(theirs), admin, "leurs-leads.csv");

        var named = (await Queries.GetFilterOptionsAsync(manager, null, myImport.Id)).Import;
        Assert.Equal(new LeadFilterImport(myImport.Id, "mes-leads.csv", myImport.CreatedAt), named);
        Assert.Null((await Queries.GetFilterOptionsAsync(manager, null, theirImport.Id)).Import);
        Assert.Null((await Queries.GetFilterOptionsAsync(manager, null, Guid.NewGuid())).Import);
        Assert.Null((await Queries.GetFilterOptionsAsync(manager, null)).Import);
        // And its filter lists none of the other account's leads, named or not (the list is scoped first).
        await LeadAsync(await Given.CampaignAsync(theirs), theirImport.Id);
        Assert.Empty((await Queries.ListAsync(manager, new LeadListQuery(ImportId: theirImport.Id), new PageRequest())).Items);
    }

    [Fact]
    public async Task The_import_filter_starts_from_the_imports_own_leads_rather_than_testing_every_lead()
    {
        await using var db = NewDb();
        var filtered = LeadQueries.Filter(db, db.Leads, new LeadListQuery(ImportId: Guid.NewGuid()), LeadSearchTerms.None).Select(l => l.Id);
        var plan = await QueryPlans.WithoutSeqScanAsync(db, filtered);

        // A semi-join from the import's ids (its index on leads.import_id) to each lead by key; an OR of the two conditions
        // could only test them row by row over the whole list.
        Assert.Contains(plan, line => line.Contains("ix_leads_import_id", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("SubPlan", StringComparison.Ordinal));
    }

    private async Task<LeadImport> ImportAsync(Campaign campaign, Actor by, string fileName)
    {
        var import = new LeadImport
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId, CreatedById = by.UserId,
            CreatedAt = T0, FileName = fileName, StoredPath = Path.Combine(Path.GetTempPath(), fileName), Kind = ImportFileKind.Delimited,
            State = ImportState.Completed,
        };
        await using var db = NewDb();
        db.Imports.Add(import);
        await db.SaveChangesAsync();
        return import;
    }

    private async Task<Lead> LeadAsync(Campaign campaign, Guid? importId)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId, ImportId = importId,
            FirstName = "Claire", LastName = $"Martin{suffix}", Company = $"Société {suffix}", Email = $"{suffix}@example.fr",
            CreatedAt = T0, UpdatedAt = T0,
        };
        await using var db = NewDb();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead;
    }
}
