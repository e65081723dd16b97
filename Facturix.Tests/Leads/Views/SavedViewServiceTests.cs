using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads.Views;

/// <summary>Saved views and campaign presets against PostgreSQL: privacy, sharing, names, presets (backlog 2.3.1, 2.3.2).</summary>
public sealed class SavedViewServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ISavedViewService Views => Get<ISavedViewService>();

    private static SavedViewInput Input(string name, bool shared = false, LeadViewDefinition? definition = null) =>
        new() { Name = name, IsShared = shared, Definition = definition ?? LeadViewDefinition.Default };

    private async Task<(Actor Manager, Actor Bd, Domain.Campaigns.Campaign Campaign)> TeamAsync()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(account, assignees: bd);
        return (manager, await Given.ActorAsync(bd.UserId), campaign);
    }

    [Fact]
    public async Task A_view_keeps_filters_sort_columns_and_mode_and_stays_private_to_its_owner()
    {
        var (manager, bd, campaign) = await TeamAsync();
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var definition = new LeadViewDefinition(new LeadListQuery(Search: "dupont", CampaignId: campaign.Id, Category: StatusCategory.Won, ScoreMin: 40),
            LeadListQuery.Sort.Score, true, [LeadColumns.Name, LeadColumns.Score], LeadViewMode.Board);

        var id = await Views.SaveAsync(bd, null, Input("Mes gagnés", definition: definition));

        var mine = Assert.Single(await Views.ListAsync(bd));
        Assert.Equal((id, "Mes gagnés", false, true), (mine.Id, mine.Name, mine.IsShared, mine.IsMine));
        Assert.True(LeadViewJson.SameScreen(definition, mine.Definition));
        Assert.Equal(StatusCategory.Won, mine.Definition.Query.Category);
        Assert.Equal([LeadColumns.Name, LeadColumns.Score], mine.Definition.VisibleColumns);
        Assert.Empty(await Views.ListAsync(other));
        Assert.Empty(await Views.ListAsync(manager));
        // Someone else's private view can be neither changed nor deleted: it does not exist for them.
        await Assert.ThrowsAsync<NotFoundException>(() => Views.DeleteAsync(other, id));
        await Assert.ThrowsAsync<NotFoundException>(() => Views.SaveAsync(manager, id, Input("Volée")));
        await using var db = NewDb();
        Assert.Contains("\"Won\"", await db.SavedViews.Select(v => v.Definition).SingleAsync());
    }

    [Fact]
    public async Task A_shared_view_is_listed_for_the_team_audited_and_announced_but_a_bd_cannot_share()
    {
        var (manager, bd, campaign) = await TeamAsync();
        await using var events = await Fixture.RecordEventsAsync();

        var id = await Views.SaveAsync(manager, null, Input("Relances", shared: true,
            new LeadViewDefinition(new LeadListQuery(CampaignId: campaign.Id))));

        var seen = Assert.Single(await Views.ListAsync(bd));
        Assert.Equal((id, true, false), (seen.Id, seen.IsShared, seen.IsMine));
        await events.WaitForAsync<SavedViewsChanged>(e => e.Shared && e.OwnerId == manager.UserId);
        await Assert.ThrowsAsync<ForbiddenException>(() => Views.SaveAsync(bd, null, Input("À moi", shared: true)));
        // A BD who only sees other campaigns is not shown a view pinned to this one.
        var outsider = await Given.UserAsync(Roles.BusinessDeveloper);
        Assert.Empty(await Views.ListAsync(outsider));
        await using var db = NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "saved-view.created" && e.EntityId == id));
        Assert.Empty(await db.SavedViews.Where(v => v.OwnerId == bd.UserId).ToListAsync());
    }

    [Fact]
    public async Task Names_are_trimmed_unique_per_owner_and_validated()
    {
        var (manager, bd, _) = await TeamAsync();
        var first = await Views.SaveAsync(bd, null, Input("Chauds"));

        var taken = await Assert.ThrowsAsync<ValidationException>(() => Views.SaveAsync(bd, null, Input("  Chauds ")));
        Assert.Equal(("Name", ErrorCodes.SavedViewNameTaken), (taken.Errors.Single().PropertyName, taken.Errors.Single().ErrorCode));
        var renamedOnto = await Views.SaveAsync(bd, null, Input("Froids"));
        await Assert.ThrowsAsync<ValidationException>(() => Views.SaveAsync(bd, renamedOnto, Input("Chauds")));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => Views.SaveAsync(bd, null, Input(new string('x', 81))));
        Assert.Equal("view.name.too-long", tooLong.Errors.Single().ErrorCode);
        await Assert.ThrowsAsync<ValidationException>(() => Views.SaveAsync(bd, null, Input("   ")));

        // Another person may use the same name; renaming keeps the id.
        await Views.SaveAsync(manager, null, Input("Chauds"));
        Assert.Equal(first, await Views.SaveAsync(bd, first, Input("Très chauds")));
        Assert.Equal(["Froids", "Très chauds"], (await Views.ListAsync(bd)).Select(v => v.Name).Order());
    }

    [Fact]
    public async Task A_preset_needs_a_shared_view_and_a_campaign_in_scope_and_opens_on_that_campaign()
    {
        var (manager, bd, campaign) = await TeamAsync();
        var outsider = await Given.UserAsync(Roles.Manager);
        var privateView = await Views.SaveAsync(manager, null, Input("Perso"));
        var shared = await Views.SaveAsync(manager, null, Input("Équipe", shared: true,
            new LeadViewDefinition(new LeadListQuery(Category: StatusCategory.New), LeadListQuery.Sort.Score, true)));

        var notShared = await Assert.ThrowsAsync<ConflictException>(() => Views.SetCampaignPresetAsync(manager, campaign.Id, privateView));
        Assert.Equal(ErrorCodes.PresetNotShared, notShared.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => Views.SetCampaignPresetAsync(outsider, campaign.Id, shared));
        await Assert.ThrowsAsync<ForbiddenException>(() => Views.SetCampaignPresetAsync(bd, campaign.Id, shared));
        Assert.Null(await Views.GetCampaignPresetAsync(bd, campaign.Id));

        await Views.SetCampaignPresetAsync(manager, campaign.Id, shared);

        var preset = await Views.GetCampaignPresetAsync(bd, campaign.Id);
        Assert.NotNull(preset);
        Assert.Equal((shared, campaign.Id, StatusCategory.New, LeadListQuery.Sort.Score),
            (preset.Id, preset.Definition.Query.CampaignId, preset.Definition.Query.Category, preset.Definition.SortBy));
        await Assert.ThrowsAsync<NotFoundException>(() => Views.GetCampaignPresetAsync(outsider, campaign.Id));
        await using (var db = NewDb())
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "campaign.preset-set" && e.EntityId == campaign.Id));

        // Unsharing the view takes it off the campaign, so a BD never lands on a view they cannot list.
        await Views.SaveAsync(manager, shared, Input("Équipe", shared: false));
        Assert.Null(await Views.GetCampaignPresetAsync(bd, campaign.Id));
        await using (var db = NewDb())
        {
            Assert.Null(await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.DefaultViewId).SingleAsync());
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "campaign.preset-cleared"));
        }
    }

    [Fact]
    public async Task Owners_delete_their_views_and_admins_delete_shared_ones_clearing_presets()
    {
        var (manager, bd, campaign) = await TeamAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var mine = await Views.SaveAsync(bd, null, Input("Perso"));
        var shared = await Views.SaveAsync(manager, null, Input("Équipe", shared: true));
        await Views.SetCampaignPresetAsync(manager, campaign.Id, shared);

        await Assert.ThrowsAsync<NotFoundException>(() => Views.DeleteAsync(bd, shared));
        await Views.DeleteAsync(bd, mine);
        await Views.DeleteAsync(admin, shared);

        Assert.Empty(await Views.ListAsync(bd));
        Assert.Null(await Views.GetCampaignPresetAsync(bd, campaign.Id));
        await using var db = NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "saved-view.deleted" && e.EntityId == shared));
    }

    [Fact]
    public void A_definition_reads_back_tolerantly()
    {
        var written = LeadViewJson.Write(new LeadViewDefinition(new LeadListQuery(HasEmail: true), LeadListQuery.Sort.Name, false,
            [LeadColumns.Company, LeadColumns.Email]));
        Assert.Contains("\"company\"", written);

        var withUnknowns = written.Replace("\"company\"", "\"company\",\"fax\"").Replace("\"name\"", "\"shoe-size\"");
        var read = LeadViewJson.Read(withUnknowns);
        Assert.Equal([LeadColumns.Company, LeadColumns.Email], read.VisibleColumns);
        Assert.Null(read.SortBy);
        Assert.True(read.Query.HasEmail);

        Assert.Same(LeadViewDefinition.Default, LeadViewJson.Read("{ not json"));
        Assert.Same(LeadViewDefinition.Default, LeadViewJson.Read("{\"mode\":\"Spiral\"}"));
        Assert.Equal(LeadListQuery.Empty, LeadViewJson.Read("{\"mode\":\"Board\"}").Query);
        Assert.Equal(LeadViewMode.Board, LeadViewJson.Read("{\"mode\":\"Board\"}").Mode);
    }
}
