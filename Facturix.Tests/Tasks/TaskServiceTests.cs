using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Tasks;

/// <summary>The task service against PostgreSQL: who sees and changes which task, the list's order, and its guards.</summary>
public sealed class TaskServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ITaskService Tasks => Get<ITaskService>();

    [Fact]
    public async Task A_bd_lists_their_open_tasks_soonest_first_and_undated_last_and_their_done_ones_apart()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var now = Fixture.Clock.GetUtcNow();
        // Typed in Paris in summer: the instant is kept, whatever the offset it came with.
        var later = await Tasks.CreateAsync(bd, new TaskInput { Title = "Envoyer le devis", DueAt = now.AddDays(3).ToOffset(TimeSpan.FromHours(2)) });
        var undated = await Tasks.CreateAsync(bd, new TaskInput { Title = "Relire le script" });
        var soon = await Tasks.CreateAsync(bd, new TaskInput { Title = "  Rappeler Mme Durand  ", DueAt = now.AddHours(2) });
        var done = await Tasks.CreateAsync(bd, new TaskInput { Title = "Préparer la démo", DueAt = now.AddHours(1) });
        await Tasks.SetDoneAsync(bd, done, true);
        // Someone else's task is not on the BD's list.
        await Tasks.CreateAsync(await Given.UserAsync(Roles.BusinessDeveloper), new TaskInput { Title = "Pas la mienne" });

        var open = await Tasks.ListAsync(bd, new TaskListQuery(), new PageRequest(0, 50));
        Assert.Equal([soon, later, undated], open.Items.Select(t => t.Id));
        Assert.Equal("Rappeler Mme Durand", open.Items[0].Title);
        Assert.Equal(3, open.TotalCount);
        Assert.Equal(now.AddDays(3), open.Items[1].DueAt!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds

        var finished = await Tasks.ListAsync(bd, new TaskListQuery(Done: true), new PageRequest(0, 50));
        var row = Assert.Single(finished.Items);
        Assert.Equal(done, row.Id);
        Assert.True(row.IsDone);
    }

    [Fact]
    public async Task Ticking_a_task_off_and_back_raises_a_change_for_its_assignee_each_time_and_twice_is_once()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var id = await Tasks.CreateAsync(bd, new TaskInput { Title = "Relancer" });
        await using var events = await Fixture.RecordEventsAsync();

        await Tasks.SetDoneAsync(bd, id, true);
        await Tasks.SetDoneAsync(bd, id, true); // a double click, or a second tab: nothing more to say
        await events.SettleAsync();
        Assert.Single(events.Received.OfType<TaskChanged>(), e => e.TaskId == id && e.AssigneeId == bd.UserId);
        await using (var db = NewDb())
            Assert.NotNull((await db.Tasks.SingleAsync(t => t.Id == id)).CompletedAt);

        await Tasks.SetDoneAsync(bd, id, false);
        await events.SettleAsync();
        Assert.Equal(2, events.Received.OfType<TaskChanged>().Count(e => e.TaskId == id));
        await using (var db = NewDb())
            Assert.Null((await db.Tasks.SingleAsync(t => t.Id == id)).CompletedAt);
    }

    [Fact]
    public async Task A_manager_gives_a_task_to_a_bd_of_their_campaigns_and_sees_it_on_the_team_list_not_to_anyone_else()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var account = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, account);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.CampaignAsync(account, assignees: bd);
        var stranger = await Given.UserAsync(Roles.BusinessDeveloper);
        manager = await Given.ActorAsync(manager.UserId);

        var id = await Tasks.CreateAsync(manager, new TaskInput { Title = "Appeler le client", AssigneeId = bd.UserId });

        var team = await Tasks.ListAsync(manager, new TaskListQuery(TaskView.Team), new PageRequest(0, 50));
        Assert.Equal(bd.UserId, Assert.Single(team.Items, t => t.Id == id).AssigneeId);
        Assert.Contains(await Tasks.ListAsync(bd, new TaskListQuery(), new PageRequest(0, 50)) is var mine ? mine.Items : [], t => t.Id == id);
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Tasks.CreateAsync(manager, new TaskInput { Title = "Hors équipe", AssigneeId = stranger.UserId }));
        Assert.Equal("task.assignee.unknown", Assert.Single(refused.Errors).ErrorCode);
        Assert.Contains(stranger.UserId, (await Tasks.ListAssigneesAsync(await Given.UserAsync(Roles.Admin))).Select(a => a.UserId));
        Assert.DoesNotContain(stranger.UserId, (await Tasks.ListAssigneesAsync(manager)).Select(a => a.UserId));
    }

    [Fact]
    public async Task A_bd_gives_tasks_to_no_one_else_nor_reads_the_teams_nor_touches_someone_elses()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var other = await Given.UserAsync(Roles.BusinessDeveloper);
        var theirs = await Tasks.CreateAsync(other, new TaskInput { Title = "La sienne" });

        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CreateAsync(bd, new TaskInput { Title = "Pour toi", AssigneeId = other.UserId }));
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.ListAsync(bd, new TaskListQuery(TaskView.Team), new PageRequest()));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.SetDoneAsync(bd, theirs, true));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.DeleteAsync(bd, theirs));
        Assert.Equal([bd.UserId], (await Tasks.ListAssigneesAsync(bd)).Select(a => a.UserId));
    }

    [Fact]
    public async Task A_task_on_a_lead_needs_the_lead_in_scope_and_shows_on_that_leads_list_with_its_name()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1))[0];
        var outside = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1))[0];
        bd = await Given.ActorAsync(bd.UserId);

        var id = await Tasks.CreateAsync(bd, new TaskInput { Title = "Rappeler", LeadId = lead.Id, Priority = TaskPriority.High });
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.CreateAsync(bd, new TaskInput { Title = "Ailleurs", LeadId = outside.Id }));

        var onLead = await Tasks.ListAsync(bd, new TaskListQuery(LeadId: lead.Id), new PageRequest());
        var row = Assert.Single(onLead.Items);
        Assert.Equal((id, $"Camille {lead.LastName}", lead.Company, campaign.Name, TaskPriority.High),
            (row.Id, row.LeadName, row.LeadCompany, row.CampaignName, row.Priority));
        await using var db = NewDb();
        var stored = await db.Tasks.SingleAsync(t => t.Id == id);
        Assert.Equal((campaign.Id, campaign.AccountId, bd.UserId), (stored.CampaignId, stored.AccountId, stored.CreatedById));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.ListAsync(bd, new TaskListQuery(LeadId: outside.Id), new PageRequest()));
    }

    [Fact]
    public async Task A_task_without_a_title_or_too_long_is_refused_and_nothing_is_written()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);

        var blank = await Assert.ThrowsAsync<ValidationException>(() => Tasks.CreateAsync(bd, new TaskInput { Title = "   " }));
        Assert.Equal("task.title.required", Assert.Single(blank.Errors).ErrorCode);
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() =>
            Tasks.CreateAsync(bd, new TaskInput { Title = new string('a', TaskInputValidator.TitleMaxLength + 1) }));
        Assert.Equal("task.title.too-long", Assert.Single(tooLong.Errors).ErrorCode);
        var badPriority = await Assert.ThrowsAsync<ValidationException>(() =>
            Tasks.CreateAsync(bd, new TaskInput { Title = "Ok", Priority = (TaskPriority)42 }));
        Assert.Equal("task.priority.invalid", Assert.Single(badPriority.Errors).ErrorCode);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CreateAsync(bd with { IsActive = false }, new TaskInput { Title = "Ok" }));

        await using var db = NewDb();
        Assert.False(await db.Tasks.AnyAsync(t => t.AssigneeId == bd.UserId));
    }

    [Fact]
    public async Task A_task_is_postponed_and_renamed_keeping_its_lead_and_a_manager_hands_it_to_another_bd()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        var account = await Given.AccountAsync();
        manager = await Given.AssignAccountAsync(manager, account);
        var (first, second) = (await Given.UserAsync(Roles.BusinessDeveloper), await Given.UserAsync(Roles.BusinessDeveloper));
        var campaign = await Given.CampaignAsync(account, assignees: [first, second]);
        var lead = (await Given.LeadsAsync(campaign, 1))[0];
        (manager, first) = (await Given.ActorAsync(manager.UserId), await Given.ActorAsync(first.UserId));
        var id = await Tasks.CreateAsync(manager, new TaskInput { Title = "Rappeler", LeadId = lead.Id, AssigneeId = first.UserId });
        var nextWeek = Fixture.Clock.GetUtcNow().AddDays(7);

        // The BD postpones the task their manager gave them: it stays theirs (no assignee sent means "me").
        await Tasks.UpdateAsync(first, id, new TaskInput { Title = "Rappeler lundi", DueAt = nextWeek.ToOffset(TimeSpan.FromHours(1)) });
        var row = Assert.Single((await Tasks.ListAsync(first, new TaskListQuery(), new PageRequest())).Items);
        Assert.Equal(("Rappeler lundi", lead.Id, first.UserId), (row.Title, row.LeadId, row.AssigneeId));
        Assert.Equal(nextWeek, row.DueAt!.Value, TimeSpan.FromMilliseconds(1));

        // The BD may not hand it on; their manager may, and both BDs' lists hear of it.
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Tasks.UpdateAsync(first, id, new TaskInput { Title = "Rappeler lundi", AssigneeId = second.UserId }));
        await using var events = await Fixture.RecordEventsAsync();
        await Tasks.UpdateAsync(manager, id, new TaskInput { Title = "Rappeler lundi", AssigneeId = second.UserId });
        await events.WaitForAsync<TaskChanged>(e => e.TaskId == id && e.AssigneeId == first.UserId);
        await events.WaitForAsync<TaskChanged>(e => e.TaskId == id && e.AssigneeId == second.UserId && e.LeadId == lead.Id);
        Assert.Equal(0, (await Tasks.ListAsync(first, new TaskListQuery(), new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task Deleting_a_task_removes_it_for_good()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var id = await Tasks.CreateAsync(bd, new TaskInput { Title = "À jeter" });

        await Tasks.DeleteAsync(bd, id);

        Assert.Equal(0, (await Tasks.ListAsync(bd, new TaskListQuery(), new PageRequest())).TotalCount);
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.SetDoneAsync(bd, id, true));
    }
}
