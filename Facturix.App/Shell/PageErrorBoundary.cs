using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace Facturix.App.Shell;

/// <summary>
/// The layout's error boundary: a page that throws shows <see cref="PageErrorView"/> and the error is logged as a warning
/// (ErrorBoundary's own logging). Except when the circuit is going away and a component's after-render call to the
/// browser finds it gone (<see cref="JSDisconnectedException"/>, e.g. a MudBlazor chart redrawn by a live reload as the
/// tab closes): nobody is left to see the page, so that is logged at Debug rather than as a warning that means nothing.
/// </summary>
public sealed class PageErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<PageErrorBoundary> Logger { get; set; } = default!;

    protected override Task OnErrorAsync(Exception exception)
    {
        if (IsDisconnection(exception))
        {
            Logger.LogDebug(exception, "A component called the browser after its circuit disconnected");
            return Task.CompletedTask;
        }
        return base.OnErrorAsync(exception);
    }

    /// <summary>An after-render failure may reach the boundary wrapped (an AggregateException of the render's tasks).</summary>
    private static bool IsDisconnection(Exception exception) => exception switch
    {
        JSDisconnectedException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.All(e => e is JSDisconnectedException),
        _ => false,
    };
}
