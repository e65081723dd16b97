using MudBlazor;

namespace Facturix.App.Shell;

/// <summary>
/// Asks before a destructive action, in one line:
/// <c>if (!await Confirm.AskAsync(title, message, okLabel)) return;</c> (the three texts from the page's localizer).
/// Scoped (one per circuit), like the dialog service it opens <see cref="ConfirmDialog"/> with.
/// </summary>
public sealed class Confirmations(IDialogService dialogs)
{
    /// <summary>True when the person confirmed; false when they cancelled or closed the dialog.</summary>
    public async Task<bool> AskAsync(string title, string message, string? confirmLabel = null, bool destructive = true)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmLabel, confirmLabel },
            { d => d.Destructive, destructive },
        };
        var options = new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
