using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Facturix.App.Shell;

/// <summary>
/// Snackbar messages in the shape the UI contract promises browser tests:
/// <c>&lt;span data-testid="toast" data-severity="error|warning|info|success"&gt;message&lt;/span&gt;</c>.
/// Every toast goes through here so the hook is the same wherever a message comes from.
/// </summary>
public static class Toasts
{
    public static void Toast(this ISnackbar snackbar, string message, Severity severity)
    {
        var kind = SeverityName(severity);
        RenderFragment content = builder =>
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "data-testid", "toast");
            builder.AddAttribute(2, "data-severity", kind);
            builder.AddContent(3, message);
            builder.CloseElement();
        };
        // A render fragment has no text to compare, so the key is what stops the same message stacking up.
        snackbar.Add(content, severity, key: $"{kind}:{message}");
    }

    internal static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Success => "success",
        _ => "info",
    };
}
