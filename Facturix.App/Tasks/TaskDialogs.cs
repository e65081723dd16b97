using MudBlazor;

namespace Facturix.App.Tasks;

/// <summary>How every screen opens the task dialog: the tasks page, a lead's page, the workspace's context panel.</summary>
public static class TaskDialogs
{
    internal static readonly DialogOptions Options = new() { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true };

    /// <summary>
    /// Opens the dialog for a new task (on <paramref name="leadId"/> when given, its name shown); true once one is
    /// created, so the caller says so and reads its list again.
    /// </summary>
    public static async Task<bool> NewTaskAsync(this IDialogService dialogs, string title, Guid? leadId = null, string? leadName = null)
    {
        var parameters = new DialogParameters<TaskDialog> { { d => d.LeadId, leadId }, { d => d.LeadName, leadName } };
        var dialog = await dialogs.ShowAsync<TaskDialog>(title, parameters, Options);
        return await dialog.Result is { Canceled: false };
    }
}
