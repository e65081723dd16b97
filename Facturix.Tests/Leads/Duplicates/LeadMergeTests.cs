using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads.Duplicates;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads.Duplicates;

/// <summary>Merge and undo (backlog 2.3.6): every activity and task is kept, undo restores exactly.</summary>
public sealed class LeadMergeTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private Task<Lead> LeadAsync(Domain.Campaigns.Campaign campaign, Action<Lead>? set = null) => DuplicateTestData.LeadAsync(NewDb, campaign, set);

    [Fact]
    public async Task A_merge_keeps_every_activity_and_task_takes_the_chosen_fields_and_deletes_the_merged_lead()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var account = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, account);
        var campaign = await Given.CampaignAsync(account);
        var survivor = await LeadAsync(campaign, l => (l.FirstName, l.LastName, l.Email, l.Phone) = ("Jean", "Martin", "jean@duval.fr", null));
        var merged = await LeadAsync(campaign, l => (l.FirstName, l.LastName, l.Email, l.Phone, l.JobTitle) = ("Jean", "Martin", "j.martin@duval.fr", "+33644444444", "Gérant"));
        var (survivorActivities, survivorTasks) = await DuplicateTestData.HistoryAsync(NewDb, survivor, manager.UserId, 2, 1);
        var (mergedActivities, mergedTasks) = await DuplicateTestData.HistoryAsync(NewDb, merged, manager.UserId, 3, 2);
        await Get<DuplicateScanner>().ScanAsync();

        var preview = await Get<IDuplicateService>().PreviewMergeAsync(manager, survivor.Id, merged.Id);
        Assert.Equal((3, 2), (preview.ActivitiesToMove, preview.TasksToMove));
        Assert.Equal("+33644444444", preview.Merged[MergeField.Phone]);

        var mergeId = await Get<IDuplicateService>().MergeAsync(manager, survivor.Id, merged.Id,
            new HashSet<MergeField> { MergeField.Phone, MergeField.JobTitle });

        await using var db = NewDb();
        Assert.False(await db.Leads.AnyAsync(l => l.Id == merged.Id));
        var kept = await db.Leads.SingleAsync(l => l.Id == survivor.Id);
        Assert.Equal(("jean@duval.fr", "+33644444444", "Gérant"), (kept.Email, kept.Phone, kept.JobTitle));
        var activities = await db.Activities.Where(a => a.LeadId == survivor.Id).Select(a => a.Id).ToListAsync();
        var tasks = await db.Tasks.Where(t => t.LeadId == survivor.Id).Select(t => t.Id).ToListAsync();
        Assert.Equal(survivorActivities.Concat(mergedActivities).Order(), activities.Order());
        Assert.Equal(survivorTasks.Concat(mergedTasks).Order(), tasks.Order());
        var record = await db.LeadMerges.SingleAsync(m => m.Id == mergeId);
        Assert.Equal(mergedActivities.Order(), record.MovedActivityIds.Order());
        Assert.Equal(mergedTasks.Order(), record.MovedTaskIds.Order());
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "lead.merged" && e.EntityId == survivor.Id && e.ActorId == manager.UserId));
        // The groups the pair formed had only them: none is left with a single lead.
        Assert.Empty(await db.LeadDuplicateGroups.ToListAsync());
        Assert.Contains(await Get<IDuplicateService>().RecentMergesAsync(manager), m => m.Id == mergeId && m.MovedActivities == 3);
    }

    [Fact]
    public async Task Undo_restores_the_merged_lead_with_its_id_and_moves_back_exactly_what_moved()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var survivor = await LeadAsync(campaign, l => (l.Email, l.City) = ("paul@garage-leroy.fr", "Lyon"));
        var merged = await LeadAsync(campaign, l => (l.Email, l.City, l.Siren) = ("paul@garage-leroy.fr", "Paris", "732829320"));
        var (survivorActivities, survivorTasks) = await DuplicateTestData.HistoryAsync(NewDb, survivor, admin.UserId, 1, 1);
        var (mergedActivities, mergedTasks) = await DuplicateTestData.HistoryAsync(NewDb, merged, admin.UserId, 4, 1);
        var mergeId = await Get<IDuplicateService>().MergeAsync(admin, survivor.Id, merged.Id, new HashSet<MergeField> { MergeField.City, MergeField.Siren });
        // Logged on the survivor after the merge: it stays there after the undo.
        var (later, _) = await DuplicateTestData.HistoryAsync(NewDb, survivor, admin.UserId, 1, 0);

        await Get<IDuplicateService>().UndoMergeAsync(admin, mergeId);

        await using var db = NewDb();
        var back = await db.Leads.SingleAsync(l => l.Id == merged.Id);
        Assert.Equal((merged.Email, merged.City, merged.Siren, merged.FirstName, merged.Company), (back.Email, back.City, back.Siren, back.FirstName, back.Company));
        var kept = await db.Leads.SingleAsync(l => l.Id == survivor.Id);
        Assert.Equal(("Lyon", (string?)null), (kept.City, kept.Siren));
        Assert.Equal(mergedActivities.Order(), (await db.Activities.Where(a => a.LeadId == merged.Id).Select(a => a.Id).ToListAsync()).Order());
        Assert.Equal(mergedTasks.Order(), (await db.Tasks.Where(t => t.LeadId == merged.Id).Select(t => t.Id).ToListAsync()).Order());
        Assert.Equal(survivorActivities.Concat(later).Order(), (await db.Activities.Where(a => a.LeadId == survivor.Id).Select(a => a.Id).ToListAsync()).Order());
        Assert.Equal(survivorTasks.Order(), (await db.Tasks.Where(t => t.LeadId == survivor.Id).Select(t => t.Id).ToListAsync()).Order());
        Assert.NotNull((await db.LeadMerges.SingleAsync(m => m.Id == mergeId)).UndoneAt);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "lead.merge-undone"));
        var again = await Assert.ThrowsAsync<ConflictException>(() => Get<IDuplicateService>().UndoMergeAsync(admin, mergeId));
        Assert.Equal(ErrorCodes.MergeUndone, again.Code);
        Assert.Empty(await Get<IDuplicateService>().RecentMergesAsync(admin));
    }

    [Fact]
    public async Task Undo_brings_the_merged_lead_back_into_its_campaign_even_archived_since()
    {
        // Decision 0088: an undo restores a lead the campaign had, it adds none; refusing it would make the merge final.
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var current = await Given.CampaignAsync(account);
        var past = await Given.CampaignAsync(account);
        var survivor = await LeadAsync(current, l => l.Email = "ines@boulangerie-roux.fr");
        var merged = await LeadAsync(past, l => l.Email = "ines@boulangerie-roux.fr");
        var mergeId = await Get<IDuplicateService>().MergeAsync(admin, survivor.Id, merged.Id, new HashSet<MergeField>());
        await using (var archive = NewDb())
            await archive.Campaigns.Where(c => c.Id == past.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, Domain.Campaigns.CampaignState.Archived));

        await Get<IDuplicateService>().UndoMergeAsync(admin, mergeId);

        await using var db = NewDb();
        Assert.Equal(past.Id, (await db.Leads.SingleAsync(l => l.Id == merged.Id)).CampaignId);
    }

    [Fact]
    public async Task Leads_of_two_clients_are_never_merged_and_a_BD_cannot_merge_at_all()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var a = await LeadAsync(await Given.CampaignAsync(await Given.AccountAsync()));
        var b = await LeadAsync(await Given.CampaignAsync(await Given.AccountAsync()));

        var error = await Assert.ThrowsAsync<ConflictException>(() => Get<IDuplicateService>().MergeAsync(admin, a.Id, b.Id, new HashSet<MergeField>()));
        Assert.Equal(ErrorCodes.MergeOtherAccount, error.Code);
        var same = await Assert.ThrowsAsync<ConflictException>(() => Get<IDuplicateService>().MergeAsync(admin, a.Id, a.Id, new HashSet<MergeField>()));
        Assert.Equal(ErrorCodes.MergeSameLead, same.Code);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Assert.ThrowsAsync<ForbiddenException>(() => Get<IDuplicateService>().MergeAsync(bd, a.Id, b.Id, new HashSet<MergeField>()));
        await using var db = NewDb();
        Assert.Equal(2, await db.Leads.CountAsync());
    }
}
