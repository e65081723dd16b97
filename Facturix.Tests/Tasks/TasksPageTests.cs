using Bunit;
using Facturix.App.Tasks;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Tasks;

/// <summary>The tasks page: groups by due time, a tick with its undo, the team's list for managers, live reloads.</summary>
public sealed class TasksPageTests : ShellTestContext
{
    private readonly ScriptedTasks _tasks;

    public TasksPageTests() : this(new ScriptedTasks()) { }

    private TasksPageTests(ScriptedTasks tasks) : base(services => services.AddSingleton<ITaskService>(tasks))
    {
        _tasks = tasks;
        UseCulture("fr-FR");
    }

    [Fact]
    public void Open_tasks_are_grouped_late_first_and_undated_last()
    {
        SignIn(Roles.BusinessDeveloper);
        var now = DateTimeOffset.UtcNow;
        _tasks.Rows.AddRange([
            ScriptedTasks.Row("Sans date", null),
            ScriptedTasks.Row("Dans un mois", now.AddDays(30)),
            ScriptedTasks.Row("En retard", now.AddDays(-2), TaskPriority.High),
        ]);

        var page = Render<TasksPage>();

        page.WaitForAssertion(() => Assert.Equal(["Overdue", "Later", "NoDate"],
            page.FindAll("[data-testid=task-group]").Select(g => g.GetAttribute("data-group"))));
        var late = page.FindAll("[data-testid=task-row]")[0];
        Assert.Equal("En retard", late.QuerySelector("[data-testid=task-title-text]")!.TextContent);
        Assert.Contains("fx-task__due--overdue", late.QuerySelector("[data-testid=task-due]")!.ClassName);
        Assert.NotNull(late.QuerySelector("[data-testid=task-priority-high]"));
        Assert.Equal("Marquer «\u00A0En retard\u00A0» comme terminée", late.QuerySelector("[data-testid=task-done]")!.GetAttribute("aria-label"));
        // A BD keeps their own list: no switch to the team's.
        Assert.Empty(page.FindAll("[data-testid=tasks-view-team]"));
    }

    [Fact]
    public void A_tick_takes_the_task_off_the_list_and_its_undo_puts_it_back()
    {
        SignIn(Roles.BusinessDeveloper);
        var task = ScriptedTasks.Row("Envoyer le devis", DateTimeOffset.UtcNow.AddHours(3));
        _tasks.Rows.Add(task);
        var snackbar = Render<MudSnackbarProvider>();
        var page = Render<TasksPage>();
        page.WaitForElement("[data-testid=task-row]");

        page.Find("[data-testid=task-done]").Change(true);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=tasks-empty]")));
        Assert.Equal([(task.Id, true)], _tasks.Ticks);
        snackbar.WaitForAssertion(() => Assert.Contains("Tâche terminée\u00A0: Envoyer le devis", snackbar.Find("[data-testid=toast]").TextContent));

        snackbar.Find("[data-testid=task-undo]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-row]")));
        Assert.Equal([(task.Id, true), (task.Id, false)], _tasks.Ticks);
    }

    [Fact]
    public void A_manager_switches_to_the_teams_tasks_and_sees_whose_each_is()
    {
        SignIn(Roles.Manager);
        _tasks.Rows.Add(ScriptedTasks.Row("Rappeler", DateTimeOffset.UtcNow.AddDays(2)));
        var page = Render<TasksPage>();
        page.WaitForElement("[data-testid=task-row]");
        Assert.Empty(page.FindAll("[data-testid=task-assignee]"));

        page.Find("[data-testid=tasks-view-team]").Click();

        page.WaitForAssertion(() => Assert.Equal("Pour Camille Martin", page.Find("[data-testid=task-assignee]").TextContent));
        Assert.Equal(TaskView.Team, _tasks.Queries[^1].View);
        Assert.Equal("true", page.Find("[data-testid=tasks-view-team]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void The_done_tab_lists_done_tasks_and_an_empty_list_says_what_to_do()
    {
        SignIn(Roles.BusinessDeveloper);
        var page = Render<TasksPage>();
        page.WaitForAssertion(() => Assert.Contains("Rien à faire", page.Find("[data-testid=tasks-empty]").TextContent));

        page.Find("[data-testid=tasks-state-done]").Click();

        page.WaitForAssertion(() => Assert.True(_tasks.Queries[^1].Done));
        Assert.Equal("true", page.Find("[data-testid=tasks-state-done]").GetAttribute("aria-selected"));
    }

    [Fact]
    public async Task A_task_of_the_viewer_changed_elsewhere_reloads_the_list_someone_elses_does_not()
    {
        SignIn(Roles.BusinessDeveloper);
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var page = Render<TasksPage>();
        page.WaitForElement("[data-testid=tasks-empty]");
        var reads = _tasks.Queries.Count;

        await events.RaiseAsync(new TaskChanged(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(reads, _tasks.Queries.Count);

        _tasks.Rows.Add(ScriptedTasks.Row("Posée par mon manager", null));
        await events.RaiseAsync(new TaskChanged(Guid.NewGuid(), UserId));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-row]")));
    }

    [Fact]
    public void A_tasks_title_opens_it_filled_in_and_saving_keeps_its_due_time()
    {
        SignIn(Roles.BusinessDeveloper);
        var dueAt = new DateTimeOffset(2030, 3, 14, 9, 15, 0, TimeSpan.FromHours(1)); // 9:15 in Paris
        var task = ScriptedTasks.Row("Envoyer le devis", dueAt, TaskPriority.High);
        _tasks.Rows.Add(task);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TasksPage>();
        page.WaitForElement("[data-testid=task-row]");

        page.Find("[data-testid=task-title-text]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Envoyer le devis", dialogs.Find("input[data-testid=task-title]").GetAttribute("value")));
        Assert.Equal("14/03/2030", dialogs.Find("input[data-testid=task-due-date]").GetAttribute("value"));
        Assert.Equal("09:15", dialogs.Find("input[data-testid=task-due-time]").GetAttribute("value"));
        dialogs.Find("input[data-testid=task-title]").Change("Envoyer le devis signé");
        dialogs.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Envoyer le devis signé", page.Find("[data-testid=task-title-text]").TextContent));
        var (id, input) = Assert.Single(_tasks.Updated);
        Assert.Equal((task.Id, dueAt, TaskPriority.High), (id, input.DueAt, input.Priority));
        Assert.Empty(_tasks.Created);
    }

    [Fact]
    public void Show_more_reads_the_next_tasks_past_the_first_fifty_and_past_a_service_page()
    {
        SignIn(Roles.BusinessDeveloper);
        var now = DateTimeOffset.UtcNow;
        _tasks.Rows.AddRange(Enumerable.Range(0, 260).Select(i => ScriptedTasks.Row($"Tâche {i}", now.AddDays(30).AddMinutes(i))));
        var page = Render<TasksPage>();
        page.WaitForAssertion(() => Assert.Equal(TasksPage.PageSize, page.FindAll("[data-testid=task-row]").Count));

        for (var shown = 100; shown <= 250; shown += 50)
        {
            page.Find("[data-testid=tasks-more]").Click();
            page.WaitForAssertion(() => Assert.Equal(shown, page.FindAll("[data-testid=task-row]").Count));
        }
        page.Find("[data-testid=tasks-more]").Click();
        page.WaitForAssertion(() => Assert.Equal(260, page.FindAll("[data-testid=task-row]").Count));
        Assert.Empty(page.FindAll("[data-testid=tasks-more]"));
    }

    [Fact]
    public void A_failed_read_offers_retry_instead_of_an_endless_skeleton()
    {
        SignIn(Roles.BusinessDeveloper);
        _tasks.FailReads = new InvalidOperationException("database unreachable");
        _tasks.Rows.Add(ScriptedTasks.Row("Rappeler", null));
        var page = Render<TasksPage>();

        page.WaitForElement("[data-testid=load-failed]");
        Assert.Empty(page.FindAll(".mud-skeleton"));

        _tasks.FailReads = null;
        page.Find("[data-testid=load-retry]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-row]")));
        Assert.Empty(page.FindAll("[data-testid=load-failed]"));
    }
}
