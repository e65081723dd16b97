using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads.Cleanup;

/// <summary>The enrichment helpers (backlog 2.3.5) against PostgreSQL: preview, apply, undo, scope and capability.</summary>
public sealed class LeadCleanupServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadCleanupService Cleanup => Get<ILeadCleanupService>();

    [Fact]
    public async Task Applying_writes_exactly_what_the_preview_showed_audits_it_and_announces_it()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var leads = await Given.LeadsAsync(campaign, 3);
        await DirtyAsync(leads[0].Id);
        await DirtyAsync(leads[1].Id);
        var selection = LeadSelection.Of(leads.Select(l => l.Id));

        var preview = await Cleanup.PreviewAsync(admin, selection, LeadCleanupOptions.All);

        Assert.Equal(3, preview.LeadsScanned);
        Assert.Equal(2, preview.LeadsChanged);
        Assert.Equal(12, preview.TotalChanges);
        Assert.Equal(2, preview.ChangesPerField[LeadField.Phone]);
        Assert.Contains(preview.Changes, c => c.LeadId == leads[0].Id && c.Field == LeadField.Email
            && c.Before == " Jean.Dupont@ACME.FR " && c.After == "jean.dupont@acme.fr");

        var applied = await Cleanup.ApplyAsync(admin, selection, LeadCleanupOptions.All);

        Assert.NotNull(applied.BatchId);
        Assert.Equal(2, applied.LeadsChanged);
        Assert.Equal(preview.ChangesPerField.OrderBy(p => p.Key), applied.ChangesPerField.OrderBy(p => p.Key));
        await using var db = NewDb();
        var stored = await db.Leads.Where(l => l.Id == leads[0].Id || l.Id == leads[1].Id).ToListAsync();
        foreach (var change in preview.Changes)
            Assert.Equal(change.After, Value(stored.Single(l => l.Id == change.LeadId), change.Field));
        var first = stored.Single(l => l.Id == leads[0].Id);
        Assert.Equal(("Jean-Pierre", "Dupont", "Acme SAS", "jean.dupont@acme.fr", "+33612345678", "FR"),
            (first.FirstName, first.LastName, first.Company, first.Email, first.Phone, first.Country));
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "leads.cleaned");
        Assert.Equal(applied.BatchId, audit.EntityId);
        Assert.Equal(admin.UserId, audit.ActorId);
        using (var details = System.Text.Json.JsonDocument.Parse(audit.Details!))
            Assert.Equal(2, details.RootElement.GetProperty("after").GetProperty("changes").GetProperty("Phone").GetInt32());
        var batch = await db.LeadCleanupBatches.SingleAsync();
        Assert.Equal(2, batch.LeadCount);
        Assert.Contains(campaign.Id, (await events.WaitForAsync<LeadsChanged>()).CampaignIds);
    }

    [Fact]
    public async Task Only_the_ticked_helpers_change_their_fields()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        await DirtyAsync(lead.Id);

        var preview = await Cleanup.PreviewAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.Of(CleanupHelper.Emails));
        await Cleanup.ApplyAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.Of(CleanupHelper.Emails));

        Assert.Equal([LeadField.Email], preview.ChangesPerField.Keys);
        await using var db = NewDb();
        var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id);
        Assert.Equal("jean.dupont@acme.fr", stored.Email);
        Assert.Equal("06 12 34 56 78", stored.Phone);
        Assert.Equal("DUPONT", stored.LastName);
    }

    [Fact]
    public async Task Unreadable_values_are_counted_as_problems_and_left_alone()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Phone, "12"));

        var preview = await Cleanup.PreviewAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.All);
        var applied = await Cleanup.ApplyAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.All);

        Assert.Equal(1, preview.ProblemsPerField[LeadField.Phone]);
        Assert.Null(applied.BatchId); // nothing to change: no batch, no audit row
        await using var check = NewDb();
        Assert.Equal("12", (await check.Leads.SingleAsync(l => l.Id == lead.Id)).Phone);
        Assert.False(await check.AuditEvents.AnyAsync(a => a.Action == "leads.cleaned"));
    }

    [Fact]
    public async Task A_lead_edited_after_the_preview_is_judged_on_its_new_values()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        await DirtyAsync(lead.Id);
        var preview = await Cleanup.PreviewAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.Of(CleanupHelper.Emails));
        Assert.Single(preview.Changes);

        // Someone fixes the email by hand, differently, before the clean-up is applied.
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Email, "jp@acme.fr"));
        var applied = await Cleanup.ApplyAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.Of(CleanupHelper.Emails));

        Assert.Null(applied.BatchId);
        await using var check = NewDb();
        Assert.Equal("jp@acme.fr", (await check.Leads.SingleAsync(l => l.Id == lead.Id)).Email);
    }

    [Fact]
    public async Task A_lead_saved_while_the_clean_up_runs_is_read_again_not_overwritten()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var leads = await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 2);
        await DirtyAsync(leads[0].Id);
        await DirtyAsync(leads[1].Id);
        // The first report comes once the selection is known and before any lead is read: a person saves one then.
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done != 0) return;
            using var db = NewDb();
            db.Leads.Where(l => l.Id == leads[0].Id).ExecuteUpdate(s => s.SetProperty(l => l.Email, "jp@acme.fr"));
        });

        var applied = await Cleanup.ApplyAsync(admin, LeadSelection.Of(leads.Select(l => l.Id)), LeadCleanupOptions.Of(CleanupHelper.Emails), progress);

        Assert.Equal(1, applied.LeadsChanged);
        await using var check = NewDb();
        Assert.Equal("jp@acme.fr", (await check.Leads.SingleAsync(l => l.Id == leads[0].Id)).Email);
        Assert.Equal("jean.dupont@acme.fr", (await check.Leads.SingleAsync(l => l.Id == leads[1].Id)).Email);
        Assert.DoesNotContain(leads[0].Id.ToString(), (await check.LeadCleanupBatches.SingleAsync()).Changes);
    }

    [Fact]
    public async Task Undo_restores_the_values_before_audits_it_and_cannot_run_twice()
    {
        await using var events = await Fixture.RecordEventsAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await DirtyAsync(lead.Id);
        var applied = await Cleanup.ApplyAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.All);

        var undone = await Cleanup.UndoAsync(admin, applied.BatchId!.Value);

        Assert.Equal(new LeadCleanupUndone(6, 0), undone);
        await using var db = NewDb();
        var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id);
        Assert.Equal(("  jean-pierre ", "DUPONT", " Acme  SAS ", " Jean.Dupont@ACME.FR ", "06 12 34 56 78", "fr"),
            (stored.FirstName, stored.LastName, stored.Company, stored.Email, stored.Phone, stored.Country));
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "leads.cleanup-undone");
        Assert.Equal(applied.BatchId, audit.EntityId);
        Assert.NotNull((await db.LeadCleanupBatches.SingleAsync()).UndoneAt);
        await events.WaitForAsync<LeadsChanged>(e => e.CampaignIds.Contains(campaign.Id));
        var again = await Assert.ThrowsAsync<ConflictException>(() => Cleanup.UndoAsync(admin, applied.BatchId.Value));
        Assert.Equal(ErrorCodes.CleanupAlreadyUndone, again.Code);
    }

    [Fact]
    public async Task Undo_skips_a_field_edited_since_the_clean_up()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        await DirtyAsync(lead.Id);
        var applied = await Cleanup.ApplyAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.Of(CleanupHelper.Emails, CleanupHelper.Phones));

        // Edited through the lead page after the clean-up: that decision wins over the undo.
        var details = await Get<ILeadService>().GetAsync(admin, lead.Id);
        var input = LeadEditInput.From(details);
        input.Email = "nouveau@acme.fr";
        await Get<ILeadService>().UpdateAsync(admin, lead.Id, input, details.Version);
        var undone = await Cleanup.UndoAsync(admin, applied.BatchId!.Value);

        Assert.Equal(new LeadCleanupUndone(1, 1), undone);
        await using var db = NewDb();
        var stored = await db.Leads.SingleAsync(l => l.Id == lead.Id);
        Assert.Equal("nouveau@acme.fr", stored.Email);
        Assert.Equal("06 12 34 56 78", stored.Phone);
    }

    [Fact]
    public async Task A_whole_campaign_is_cleaned_in_chunks_with_progress_and_other_campaigns_are_untouched()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var campaign = await Given.CampaignAsync(account);
        var other = await Given.CampaignAsync(account);
        await Given.LeadsAsync(campaign, 1_200);
        var outside = (await Given.LeadsAsync(other, 1)).Single();
        await using (var db = NewDb())
            await db.Leads.ExecuteUpdateAsync(s => s.SetProperty(l => l.Email, l => l.Email!.ToUpper()));
        var reports = new List<LeadCleanupProgress>();
        var progress = new SynchronousProgress(reports.Add);
        var selection = LeadSelection.AllMatching(LeadListQuery.Empty with { CampaignId = campaign.Id });

        var preview = await Cleanup.PreviewAsync(admin, selection, LeadCleanupOptions.Of(CleanupHelper.Emails));
        var applied = await Cleanup.ApplyAsync(admin, selection, LeadCleanupOptions.Of(CleanupHelper.Emails), progress);

        Assert.Equal(1_200, preview.ChangesPerField[LeadField.Email]);
        Assert.Equal(ILeadCleanupService.PreviewLimit, preview.Changes.Count);
        Assert.True(preview.IsTruncated);
        Assert.Equal(1_200, applied.LeadsChanged);
        Assert.Equal(new LeadCleanupProgress(1_200, 1_200), reports[^1]);
        Assert.True(reports.Count >= 3, "progress is reported per chunk");
        await using var check = NewDb();
        Assert.False(await check.Leads.AnyAsync(l => l.CampaignId == campaign.Id && l.Email != l.Email!.ToLower()));
        Assert.Equal(outside.Email!.ToUpperInvariant(), (await check.Leads.SingleAsync(l => l.Id == outside.Id)).Email);
        var recent = await Cleanup.ListRecentAsync(admin);
        Assert.Equal(1_200, Assert.Single(recent).ChangeCount);
    }

    [Fact]
    public async Task All_matching_needs_a_campaign_filter_and_at_least_one_helper()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var noCampaign = await Assert.ThrowsAsync<ValidationException>(() =>
            Cleanup.PreviewAsync(admin, LeadSelection.AllMatching(LeadListQuery.Empty), LeadCleanupOptions.All));
        var noHelper = await Assert.ThrowsAsync<ValidationException>(() =>
            Cleanup.ApplyAsync(admin, LeadSelection.Of([Guid.NewGuid()]), LeadCleanupOptions.Of()));

        Assert.Contains(noCampaign.Errors, e => e.ErrorCode == "cleanup.selection.campaign-required");
        Assert.Contains(noHelper.Errors, e => e.ErrorCode == "cleanup.helpers.empty");
    }

    [Fact]
    public async Task Leads_outside_the_actors_scope_are_neither_previewed_nor_cleaned_and_BDs_may_not_clean()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var account = await Given.AccountAsync();
        var mine = await Given.CampaignAsync(account, CampaignState.Active, bd);
        var manager2 = await Given.AssignAccountAsync(manager, account);
        var theirs = await Given.CampaignAsync(await Given.AccountAsync());
        var inScope = (await Given.LeadsAsync(mine, 1)).Single();
        var outOfScope = (await Given.LeadsAsync(theirs, 1)).Single();
        await DirtyAsync(inScope.Id);
        await DirtyAsync(outOfScope.Id);
        var both = LeadSelection.Of([inScope.Id, outOfScope.Id]);

        var preview = await Cleanup.PreviewAsync(manager2, both, LeadCleanupOptions.All);
        await Cleanup.ApplyAsync(manager2, both, LeadCleanupOptions.All);
        var otherCampaign = await Cleanup.ApplyAsync(manager2,
            LeadSelection.AllMatching(LeadListQuery.Empty with { CampaignId = theirs.Id }), LeadCleanupOptions.All);

        Assert.Equal(1, preview.LeadsScanned);
        Assert.Null(otherCampaign.BatchId);
        await using var db = NewDb();
        Assert.Equal("jean.dupont@acme.fr", (await db.Leads.SingleAsync(l => l.Id == inScope.Id)).Email);
        Assert.Equal(" Jean.Dupont@ACME.FR ", (await db.Leads.SingleAsync(l => l.Id == outOfScope.Id)).Email);
        await Assert.ThrowsAsync<ForbiddenException>(() => Cleanup.PreviewAsync(bd, LeadSelection.Of([inScope.Id]), LeadCleanupOptions.All));
        await Assert.ThrowsAsync<ForbiddenException>(() => Cleanup.ApplyAsync(bd, LeadSelection.Of([inScope.Id]), LeadCleanupOptions.All));
    }

    [Fact]
    public async Task Someone_elses_batch_cannot_be_undone_or_listed()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var otherAdmin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        await DirtyAsync(lead.Id);
        var applied = await Cleanup.ApplyAsync(admin, LeadSelection.Of([lead.Id]), LeadCleanupOptions.All);

        await Assert.ThrowsAsync<NotFoundException>(() => Cleanup.UndoAsync(otherAdmin, applied.BatchId!.Value));
        Assert.Empty(await Cleanup.ListRecentAsync(otherAdmin));
        Assert.Single(await Cleanup.ListRecentAsync(admin));
    }

    /// <summary>The typical typed mess one lead gets: every helper has something to fix.</summary>
    private async Task DirtyAsync(Guid leadId)
    {
        await using var db = NewDb();
        await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.FirstName, "  jean-pierre ")
            .SetProperty(l => l.LastName, "DUPONT")
            .SetProperty(l => l.Company, " Acme  SAS ")
            .SetProperty(l => l.Email, " Jean.Dupont@ACME.FR ")
            .SetProperty(l => l.Phone, "06 12 34 56 78")
            .SetProperty(l => l.Country, "fr"));
    }

    private static string? Value(Lead lead, LeadField field) =>
        new LeadContactValues(lead.FirstName, lead.LastName, lead.Company, lead.Email, lead.Phone, lead.Country.Trim())[field];

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the reports in order by the time Apply returns.</summary>
    private sealed class SynchronousProgress(Action<LeadCleanupProgress> report) : IProgress<LeadCleanupProgress>
    {
        public void Report(LeadCleanupProgress value) => report(value);
    }
}
