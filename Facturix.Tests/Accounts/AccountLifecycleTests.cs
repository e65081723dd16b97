using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Accounts;

/// <summary>Edit, archive, restore and delete: guarded, validated again, audited, and safe under concurrent edits.</summary>
public sealed class AccountLifecycleTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IAccountService Accounts => Get<IAccountService>();

    [Fact]
    public async Task An_edit_is_saved_normalized_audited_with_before_and_after_and_announced()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Accounts.CreateAsync(admin, new AccountInput { Name = "Acme" });
        var read = await Accounts.GetAsync(admin, id);
        await using var events = await Fixture.RecordEventsAsync();

        await Accounts.UpdateAsync(admin, id, new AccountInput
        {
            Name = " Acme SAS ", Country = "FR", City = "Lyon", Siren = "732829320", Website = "https://acme.fr",
            Status = AccountStatus.OnHold, ClientContactName = "Camille Martin", ClientContactEmail = "camille@acme.fr",
            ClientContactPhone = "06 12 34 56 78", Notes = "Client historique",
        }, read.Version);

        var saved = await Accounts.GetAsync(admin, id);
        Assert.Equal(("Acme SAS", "Lyon", "+33612345678", AccountStatus.OnHold), (saved.Name, saved.City, saved.ClientContactPhone, saved.Status));
        Assert.NotEqual(read.Version, saved.Version);
        await events.WaitForAsync<AccountChanged>(e => e.AccountId == id);
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == id && e.Action == "account.updated");
        Assert.Equal(admin.UserId, audit.ActorId);
        Assert.Equal("Acme SAS", audit.TargetLabel);
        Assert.Equal("Acme", AuditJson.Value(audit, "before", "name"));
        Assert.Null(AuditJson.Value(audit, "before", "clientContactPhone"));
        Assert.Equal("+33612345678", AuditJson.Value(audit, "after", "clientContactPhone"));
        Assert.Equal("OnHold", AuditJson.Value(audit, "after", "status"));
    }

    [Fact]
    public async Task Two_people_editing_the_same_account_end_in_a_conflict_not_an_overwrite()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Accounts.CreateAsync(admin, new AccountInput { Name = "Acme" });
        var version = (await Accounts.GetAsync(admin, id)).Version;
        await Accounts.UpdateAsync(admin, id, new AccountInput { Name = "Acme (Alice)" }, version);

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Accounts.UpdateAsync(admin, id, new AccountInput { Name = "Acme (Bob)" }, version));

        Assert.Equal(ErrorCodes.Concurrency, error.Code);
        Assert.Equal("Acme (Alice)", (await Accounts.GetAsync(admin, id)).Name);
        await using var db = NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EntityId == id && e.Action == "account.updated"));
    }

    [Fact]
    public async Task The_service_runs_the_validator_again_and_writes_nothing_on_bad_input()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Accounts.CreateAsync(admin, new AccountInput { Name = "Acme" });
        var version = (await Accounts.GetAsync(admin, id)).Version;

        var error = await Assert.ThrowsAsync<ValidationException>(() => Accounts.UpdateAsync(admin, id,
            new AccountInput { Name = "Acme", Siren = "732829321", Website = "javascript:alert(1)", ClientContactPhone = "12" }, version));

        Assert.Equal(["account.contact-phone.format", "account.siren.checksum", "account.website.format"],
            error.Errors.Select(e => e.ErrorCode).Order());
        Assert.Null((await Accounts.GetAsync(admin, id)).Website);
    }

    [Fact]
    public async Task A_manager_outside_the_account_cannot_read_edit_or_archive_it()
    {
        var account = await Given.AccountAsync("Pas à moi");
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), await Given.AccountAsync("À moi"));

        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.GetAsync(manager, account.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.UpdateAsync(manager, account.Id, new AccountInput { Name = "Pris" }, account.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.ArchiveAsync(manager, account.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Accounts.DeleteAsync(manager, account.Id));
        await using var db = NewDb();
        var stored = await db.Accounts.SingleAsync(a => a.Id == account.Id);
        Assert.Equal(("Pas à moi", null), (stored.Name, stored.ArchivedAt));
    }

    [Fact]
    public async Task A_BD_reads_the_account_of_their_campaign_but_cannot_edit_it()
    {
        var account = await Given.AccountAsync("Client");
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.CampaignAsync(account, assignees: bd);

        var details = await Accounts.GetAsync(bd, account.Id);
        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Accounts.UpdateAsync(bd, account.Id, new AccountInput { Name = "Renommé" }, details.Version));

        Assert.Equal(Capability.AccountsManage, error.Missing);
        await Assert.ThrowsAsync<ForbiddenException>(() => Accounts.ArchiveAsync(bd, account.Id));
        Assert.Equal("Client", (await Accounts.GetAsync(bd, account.Id)).Name);
    }

    [Fact]
    public async Task An_archived_account_leaves_the_list_and_the_KPIs_keeps_its_history_and_comes_back_on_restore()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var kept = await Given.AccountAsync("Gardé");
        var archived = await Given.AccountAsync("Archivé");
        var campaign = await Given.CampaignAsync(archived);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await LogCallAsync(admin, campaign.AccountId, campaign.Id, lead.Id);
        Assert.Equal((2, 1), KpiCounts(await Get<IDashboardService>().GetKpisAsync(admin)));

        await Accounts.ArchiveAsync(admin, archived.Id);

        var list = await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest());
        Assert.Equal([kept.Id], list.Items.Select(r => r.Id));
        Assert.Equal([archived.Id], (await Accounts.ListAsync(admin, new AccountListQuery(Archived: true), new PageRequest())).Items.Select(r => r.Id));
        // Its campaign's lead leaves the figures with it.
        Assert.Equal((1, 0), KpiCounts(await Get<IDashboardService>().GetKpisAsync(admin)));
        var details = await Accounts.GetAsync(admin, archived.Id);
        Assert.True(details.Archived);
        Assert.Equal([campaign.Id], details.Campaigns.Select(c => c.Id));
        var activity = Assert.Single(details.RecentActivity);
        Assert.Equal((ActivityKind.Call, lead.Id, admin.DisplayName), (activity.Kind, activity.LeadId, activity.UserName));

        await Accounts.RestoreAsync(admin, archived.Id);

        Assert.Equal(2, (await Accounts.ListAsync(admin, new AccountListQuery(), new PageRequest())).TotalCount);
        Assert.Equal((2, 1), KpiCounts(await Get<IDashboardService>().GetKpisAsync(admin)));
        await using var db = NewDb();
        Assert.Equal(["account.archived", "account.restored"],
            await db.AuditEvents.Where(e => e.EntityId == archived.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    private static (int Accounts, int Leads) KpiCounts(KpiSnapshot kpis) => (kpis.Accounts, kpis.Leads);

    [Fact]
    public async Task Deleting_is_refused_once_the_account_has_a_campaign_and_allowed_before()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var withCampaign = await Given.AccountAsync("Avec campagne");
        await Given.CampaignAsync(withCampaign);
        var empty = await Accounts.CreateAsync(admin, new AccountInput { Name = "Créé par erreur" });
        var manager = await Given.UserAsync(Roles.Manager);
        await Accounts.AssignManagerAsync(admin, empty, manager.UserId);
        await using var events = await Fixture.RecordEventsAsync();

        var error = await Assert.ThrowsAsync<ConflictException>(() => Accounts.DeleteAsync(admin, withCampaign.Id));
        await Accounts.DeleteAsync(admin, empty);

        Assert.Equal(ErrorCodes.AccountHasCampaigns, error.Code);
        await events.WaitForAsync<AccessChanged>(e => e.UserId == manager.UserId);
        await using var db = NewDb();
        Assert.True(await db.Accounts.AnyAsync(a => a.Id == withCampaign.Id));
        Assert.False(await db.Accounts.AnyAsync(a => a.Id == empty));
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == empty && e.Action == "account.deleted");
        Assert.Equal("Créé par erreur", audit.TargetLabel);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.EntityId == withCampaign.Id && e.Action == "account.deleted"));
    }

    private async Task LogCallAsync(Actor who, Guid accountId, Guid campaignId, Guid leadId)
    {
        await using var db = NewDb();
        var now = Fixture.Clock.GetUtcNow();
        db.Activities.Add(new Activity
        {
            Id = Guid.CreateVersion7(), AccountId = accountId, CampaignId = campaignId, LeadId = leadId, UserId = who.UserId,
            Kind = ActivityKind.Call, OccurredAt = now, CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }
}
