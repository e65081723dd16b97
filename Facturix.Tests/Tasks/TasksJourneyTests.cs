using System.Globalization;
using System.Text.RegularExpressions;
using Facturix.Domain.Tasks;
using Facturix.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Tasks;

/// <summary>
/// Tasks in the browser: one set on a lead, found on the BD's list under tomorrow, ticked off, undone, ticked off again
/// and found among the done ones; a manager's task for the BD appearing live on the BD's open list.
/// </summary>
public sealed class TasksJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task A_bd_sets_a_task_on_a_lead_ticks_it_off_on_their_list_and_undoes_it()
    {
        const string bd = "bd4@facturix.local";
        var (_, leads) = await AllDayCampaignAsync(1, bd);
        var page = await SignedInPageAsync(bd, at: $"/leads/{leads[0]}");
        await WaitPageLoadedAsync(page);
        var title = $"Rappeler {Guid.NewGuid():N}"[..17];
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date.AddDays(1);

        await page.GetByTestId("lead-task-add").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.GetByTestId("task-dialog-lead")).ToContainTextAsync("Camille Journey 0");
        await FillFieldsAsync(
            (dialog.GetByTestId("task-title"), title),
            (dialog.GetByTestId("task-due-date"), tomorrow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)),
            (dialog.GetByTestId("task-due-time"), "10:30"));
        await dialog.GetByTestId("form-submit").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("lead-task").Filter(new() { HasText = title })).ToHaveCountAsync(1);

        await page.GetByTestId("nav-tasks").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
        var row = page.GetByTestId("task-row").Filter(new() { HasText = title });
        await Expect(row).ToHaveAttributeAsync("data-group", "Tomorrow");
        await Expect(row.GetByTestId("task-due")).ToContainTextAsync("10:30");
        await Expect(row.GetByTestId("task-lead")).ToHaveAttributeAsync("href", $"/leads/{leads[0]}");

        // Ticked off from the keyboard (a real checkbox), then undone from the toast.
        await row.GetByTestId("task-done").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("task-undo").ClickAsync();
        await Expect(row).ToHaveCountAsync(1);

        await row.GetByTestId("task-done").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("tasks-state-done").ClickAsync();
        await Expect(page.GetByTestId("task-row").Filter(new() { HasText = title })).ToHaveAttributeAsync("data-done", "true");
    }

    [Fact]
    public async Task A_task_a_manager_gives_a_bd_appears_live_on_the_bds_open_list()
    {
        const string bd = "bd5@facturix.local";
        var (campaign, _) = await AllDayCampaignAsync(1, bd);
        var (managerEmail, _) = await NewManagerOfAsync(campaign, "tasks");
        var page = await SignedInPageAsync(bd, at: "/tasks");
        await WaitPageLoadedAsync(page);
        var title = $"Préparer {Guid.NewGuid():N}"[..17];

        var manager = await App.ActorAsync(managerEmail);
        await App.Get<ITaskService>().CreateAsync(manager,
            new TaskInput { Title = title, AssigneeId = (await App.ActorAsync(bd)).UserId, Priority = TaskPriority.High });

        var row = page.GetByTestId("task-row").Filter(new() { HasText = title });
        await Expect(row).ToHaveAttributeAsync("data-group", "NoDate");
        await Expect(row.GetByTestId("task-priority-high")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_bd_sets_a_follow_up_from_the_workspace_without_leaving_the_call()
    {
        var bd = await NewStaffAsync("bd-tasks");
        var (campaign, _) = await AllDayCampaignAsync(1, bd);
        var page = await SignedInPageAsync(bd, at: $"/workspace?campaign={campaign}");
        await ClickUntilVisibleAsync(page.GetByTestId("get-next"), page.GetByTestId("current-lead"));
        var title = $"Devis {Guid.NewGuid():N}"[..14];

        // T, the workspace's key for it (the button does the same).
        var dialog = page.Locator(".mud-dialog");
        await PressUntilVisibleAsync(page, "t", dialog);
        await Expect(dialog.GetByTestId("task-dialog-lead")).ToContainTextAsync("Camille Journey 0");
        await FillFieldsAsync((dialog.GetByTestId("task-title"), title));
        await dialog.GetByTestId("form-submit").ClickAsync();

        await Expect(page.GetByTestId("context-task").Filter(new() { HasText = title })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("current-lead")).ToBeVisibleAsync(); // still on the call
    }
}
