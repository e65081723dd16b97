using Facturix.App.Shell;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Facturix.App.Tasks;

public sealed partial class TasksPage
{
    /// <summary>Tasks read at a time; "show more" reads the next ones with them (a list, not pages: groups span pages).</summary>
    public const int PageSize = 50;

    private readonly NewestLoad _loads = new();
    private Actor? _actor;
    private PagedResult<TaskRow>? _page;
    private TaskView _view = TaskView.Mine;
    private bool _done;
    private int _shown = PageSize;
    /// <summary>The first read failed (the toast said why): Retry instead of a skeleton that never ends.</summary>
    private bool _failed;

    [Inject] private ITaskService Tasks { get; set; } = default!;
    [Inject] private ActorAccessor ActorAccessor { get; set; } = default!;
    [Inject] private UiErrors Errors { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private Confirmations Confirmations { get; set; } = default!;
    [Inject] private UserClock Clock { get; set; } = default!;
    [Inject] private IStringLocalizer<TaskStrings> L { get; set; } = default!;

    private bool CanSeeTeam => _actor?.Can(Capability.AnalyticsTeam) == true;

    protected override async Task OnInitializedAsync()
    {
        _actor = await ActorAccessor.GetActorAsync();
        await LoadAsync(CancellationToken.None);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var load = _loads.Start();
        if (_actor is null) return;
        PagedResult<TaskRow>? page = null;
        var query = new TaskListQuery(_view, _done);
        // The tasks shown so far, page after page: a service page stops at 200 rows, and "show more" must go past it.
        if (!await Errors.RunAsync(async () =>
            {
                var items = new List<TaskRow>();
                var total = 0;
                for (var index = 0; index * PageSize < _shown; index++)
                {
                    var chunk = await Tasks.ListAsync(_actor, query, new PageRequest(index, PageSize), ct);
                    (total, items) = (chunk.TotalCount, [.. items, .. chunk.Items]);
                    if (chunk.Items.Count < PageSize) break;
                }
                page = new PagedResult<TaskRow>(items, total);
            }))
        {
            if (_loads.IsNewest(load)) _failed = true;
            return;
        }
        if (_loads.IsNewest(load)) (_page, _failed) = (page, false);
    }

    private async Task SetViewAsync(TaskView view)
    {
        if (view == _view) return;
        (_view, _shown, _page) = (view, PageSize, null);
        await LoadAsync(CancellationToken.None);
    }

    private async Task SetDoneAsync(bool done)
    {
        if (done == _done) return;
        (_done, _shown, _page) = (done, PageSize, null);
        await LoadAsync(CancellationToken.None);
    }

    private async Task ShowMoreAsync()
    {
        _shown += PageSize;
        await LoadAsync(CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        if (await Dialogs.NewTaskAsync(L["Dialog.Title"]))
        {
            Snackbar.Toast(L["Created"], Severity.Success);
            await LoadAsync(CancellationToken.None);
        }
    }

    private async Task EditAsync(TaskRow task)
    {
        var parameters = new DialogParameters<TaskDialog> { { d => d.Task, task }, { d => d.LeadName, task.LeadName } };
        var dialog = await Dialogs.ShowAsync<TaskDialog>(L["Dialog.EditTitle"], parameters, TaskDialogs.Options);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Toast(L["Saved"], Severity.Success);
            await LoadAsync(CancellationToken.None);
        }
    }

    /// <summary>Ticks a task off (or back on), with an undo in the toast: a tick is one click, and so is its mistake.</summary>
    private async Task SetTaskDoneAsync((TaskRow Task, bool Done) change)
    {
        if (!await Errors.RunAsync(() => Tasks.SetDoneAsync(_actor!, change.Task.Id, change.Done))) return;
        var message = change.Done ? L["Done.Toast", change.Task.Title] : L["Reopened.Toast", change.Task.Title];
        Snackbar.Toast(message, Severity.Success, new ToastAction(L["Undo"], "task-undo", async () =>
        {
            // The toast's button belongs to the snackbar, not to this page: the page re-renders itself.
            if (await Errors.RunAsync(() => Tasks.SetDoneAsync(_actor!, change.Task.Id, !change.Done)))
                await InvokeAsync(async () =>
                {
                    await LoadAsync(CancellationToken.None);
                    StateHasChanged();
                });
        }));
        await LoadAsync(CancellationToken.None);
    }

    private async Task DeleteAsync(TaskRow task)
    {
        if (!await Confirmations.AskAsync(L["Delete.Title"], L["Delete.Body", task.Title], L["Delete.Confirm"], destructive: true)) return;
        if (!await Errors.RunAsync(() => Tasks.DeleteAsync(_actor!, task.Id))) return;
        Snackbar.Toast(L["Deleted"], Severity.Success);
        await LoadAsync(CancellationToken.None);
    }

    /// <summary>A task of someone on the list: the person's own, or anyone's in the team view (the service scopes the rows).</summary>
    private bool IsRelevant(LiveEvent e) => _actor is { } actor && e switch
    {
        TaskChanged t => t.AssigneeId == actor.UserId || _view == TaskView.Team,
        _ => false,
    };
}
