using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

public sealed class CampaignScriptServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ICampaignScriptService Scripts => Get<ICampaignScriptService>();

    private static CampaignScriptInput Input(string script, params (string Objection, string Answer)[] pairs) => new()
    {
        Script = script,
        Objections = pairs.Select(p => new ObjectionInput { Objection = p.Objection, Answer = p.Answer }).ToList(),
    };

    [Fact]
    public async Task A_saved_script_and_its_objections_read_back_in_order_with_a_new_version_and_an_audit_row()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var read = await Scripts.GetAsync(admin, campaign.Id);
        await using var events = await Fixture.RecordEventsAsync();

        var version = await Scripts.SaveAsync(admin, campaign.Id,
            Input("Bonjour {{firstName}}", ("Pas le temps", "Deux minutes suffisent."), ("Trop cher", "Parlons du retour.")), read.Version);

        var saved = await Scripts.GetAsync(admin, campaign.Id);
        Assert.Equal("Bonjour {{firstName}}", saved.Script);
        Assert.Equal([("Pas le temps", 0), ("Trop cher", 1)], saved.Objections.Select(o => (o.Objection, o.SortOrder)));
        Assert.Equal("Parlons du retour.", saved.Objections[1].Answer);
        Assert.Equal(version, saved.Version);
        Assert.NotEqual(read.Version, version);
        await events.WaitForAsync<CampaignChanged>(e => e.CampaignId == campaign.Id);
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.script-changed");
        Assert.Equal((campaign.Id, admin.UserId, campaign.Name), (audit.EntityId!.Value, audit.ActorId!.Value, audit.TargetLabel));

        // A second save replaces the pairs rather than adding to them.
        await Scripts.SaveAsync(admin, campaign.Id, Input("", ("Seule", "Réponse")), version);
        var replaced = await Scripts.GetAsync(admin, campaign.Id);
        Assert.Equal("", replaced.Script);
        Assert.Equal(["Seule"], replaced.Objections.Select(o => o.Objection));
    }

    [Fact]
    public async Task Saving_over_a_stale_version_is_a_concurrency_conflict_and_writes_nothing()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var first = await Scripts.GetAsync(admin, campaign.Id);
        var second = await Scripts.GetAsync(admin, campaign.Id);
        await Scripts.SaveAsync(admin, campaign.Id, Input("Version A", ("A", "a")), first.Version);

        // Only the objections differ: the campaign row is still version-checked.
        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Scripts.SaveAsync(admin, campaign.Id, Input("Version A", ("B", "b")), second.Version));

        Assert.Equal(ErrorCodes.Concurrency, error.Code);
        var now = await Scripts.GetAsync(admin, campaign.Id);
        Assert.Equal(["A"], now.Objections.Select(o => o.Objection));
    }

    [Fact]
    public async Task The_service_runs_the_validator_again()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var read = await Scripts.GetAsync(admin, campaign.Id);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Scripts.SaveAsync(admin, campaign.Id, Input("ok", ("", "réponse")), read.Version));

        Assert.Contains(error.Errors, e => e.ErrorCode == "script.objection.required" && e.PropertyName == "Objections[0].Objection");
        Assert.Empty((await Scripts.GetAsync(admin, campaign.Id)).Objections);
    }

    [Fact]
    public async Task An_assigned_BD_reads_the_script_filled_from_the_first_lead_but_may_not_save_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        var lead = (await Given.LeadsAsync(campaign, 1))[0];
        bd = await Given.ActorAsync(bd.UserId);

        var read = await Scripts.GetAsync(bd, campaign.Id);

        Assert.Equal(new ScriptSample(lead.FirstName!, lead.LastName!, lead.Company, bd.DisplayName), read.Sample);
        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Scripts.SaveAsync(bd, campaign.Id, Input("Piraté"), read.Version));
        Assert.Equal(Capability.CampaignsConfigure, error.Missing);
    }

    [Fact]
    public async Task Without_leads_the_sample_is_the_built_in_example()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());

        Assert.Equal(ScriptSample.Example(admin.DisplayName), (await Scripts.GetAsync(admin, campaign.Id)).Sample);
    }

    [Fact]
    public async Task A_BD_not_assigned_to_the_campaign_cannot_read_its_script()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());

        await Assert.ThrowsAsync<NotFoundException>(() => Scripts.GetAsync(bd, campaign.Id));
    }

    [Fact]
    public async Task A_manager_outside_the_campaign_s_account_can_neither_read_nor_save()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), await Given.AccountAsync());
        var admin = await Given.UserAsync(Roles.Admin);
        var version = (await Scripts.GetAsync(admin, campaign.Id)).Version;

        await Assert.ThrowsAsync<NotFoundException>(() => Scripts.GetAsync(manager, campaign.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Scripts.SaveAsync(manager, campaign.Id, Input("x"), version));
    }
}
