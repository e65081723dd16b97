using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Facturix.App.Shell;

/// <summary>
/// Snackbar messages in the shape the UI contract promises browser tests:
/// <c>&lt;span data-testid="toast" data-severity="error|warning|info|success"&gt;message&lt;/span&gt;</c>.
/// Every toast goes through here so the hook is the same wherever a message comes from.
/// </summary>
public static class Toasts
{
    /// <summary>How long a toast with an action stays: long enough to read it and act on it.</summary>
    public const int ActionToastMilliseconds = 15_000;

    /// <param name="aboutThisPage">
    /// The message says why this page shows what it shows (a link's filter dropped, say): it closes when the person moves
    /// to another page, where it would no longer be true. Other toasts (saved, refused, undo) stay their 5 s on any page.
    /// </param>
    public static void Toast(this ISnackbar snackbar, string message, Severity severity, bool aboutThisPage = false)
    {
        var kind = SeverityName(severity);
        // A render fragment has no text to compare, so the key is what stops the same message stacking up.
        snackbar.Add(ToastSpan(kind, message, null), severity, o => o.CloseAfterNavigation = aboutThisPage, key: $"{kind}:{message}");
    }

    /// <summary>
    /// A toast carrying an action button (e.g. "Voir"): the contract's toast span, then the button with the action's
    /// test id. Clicking the button closes the toast, then runs the action. <paramref name="messageAttributes"/>, when
    /// given, go on an element wrapping the message inside the toast span (a feature's own hook and its ids);
    /// <paramref name="key"/> stops the same toast stacking up (by default, its text).
    /// </summary>
    public static void Toast(this ISnackbar snackbar, string message, Severity severity, ToastAction action,
        IReadOnlyDictionary<string, object>? messageAttributes = null, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var kind = SeverityName(severity);
        Snackbar? added = null;
        RenderFragment content = builder =>
        {
            builder.OpenElement(0, "span");
            builder.AddContent(1, ToastSpan(kind, message, messageAttributes));
            builder.OpenComponent<MudButton>(2);
            builder.AddComponentParameter(3, nameof(MudButton.Variant), Variant.Text);
            builder.AddComponentParameter(4, nameof(MudButton.Color), Color.Inherit);
            builder.AddComponentParameter(5, nameof(MudButton.Size), Size.Small);
            builder.AddComponentParameter(6, nameof(MudButton.OnClick), new EventCallback<MouseEventArgs>(null, (Func<Task>)(async () =>
            {
                if (added is not null) snackbar.Remove(added);
                await action.OnClick();
            })));
            builder.AddComponentParameter(7, "data-testid", action.TestId);
            if (action.Attributes is not null) builder.AddMultipleAttributes(8, action.Attributes);
            builder.AddComponentParameter(9, nameof(MudButton.ChildContent), (RenderFragment)(b => b.AddContent(0, action.Text)));
            builder.CloseComponent();
            builder.CloseElement();
        };
        added = snackbar.Add(content, severity, o => o.VisibleStateDuration = ActionToastMilliseconds, key: key ?? $"{kind}:{message}");
    }

    private static RenderFragment ToastSpan(string kind, string message, IReadOnlyDictionary<string, object>? messageAttributes) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "data-testid", "toast");
        builder.AddAttribute(2, "data-severity", kind);
        if (messageAttributes is null)
        {
            builder.AddContent(3, message);
        }
        else
        {
            builder.OpenElement(4, "span");
            builder.AddMultipleAttributes(5, messageAttributes);
            builder.AddContent(6, message);
            builder.CloseElement();
        }
        builder.CloseElement();
    };

    internal static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Success => "success",
        _ => "info",
    };
}

/// <summary>
/// A toast's action button: its text, its test id, what clicking it does (after the toast closes), and any other
/// attributes it carries (the id of what it acts on, for tests).
/// </summary>
public sealed record ToastAction(string Text, string TestId, Func<Task> OnClick, IReadOnlyDictionary<string, object>? Attributes = null);
