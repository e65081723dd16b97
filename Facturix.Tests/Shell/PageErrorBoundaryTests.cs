using Bunit;
using Facturix.App.Shell;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Facturix.Tests.Shell;

/// <summary>
/// The layout's error boundary: a page's error is a warning in the log, a closing circuit's failed browser call is not
/// (a chart redrawn by a live reload as the tab closes used to put one in an otherwise clean log).
/// </summary>
public sealed class PageErrorBoundaryTests : BunitContext
{
    private readonly LogRecorder _log = new();

    public PageErrorBoundaryTests() => Services.AddLogging(b => b.AddProvider(_log).SetMinimumLevel(LogLevel.Debug));

    private void RenderThrowing(Exception exception) =>
        Render<PageErrorBoundary>(p => p
            .Add(b => b.ChildContent, (RenderFragment)(builder =>
            {
                builder.OpenComponent<ThrowsAfterRender>(0);
                builder.AddAttribute(1, nameof(ThrowsAfterRender.Exception), exception);
                builder.CloseComponent();
            }))
            .Add(b => b.ErrorContent, (RenderFragment<Exception>)(_ => builder => builder.AddMarkupContent(0, "<p data-testid=\"page-error\"></p>"))));

    [Fact]
    public void A_page_error_is_a_warning_and_a_disconnected_circuits_is_only_a_debug_entry()
    {
        RenderThrowing(new JSDisconnectedException("gone"));
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Debug && e.Category == typeof(PageErrorBoundary).FullName);

        RenderThrowing(new InvalidOperationException("boom"));
        Assert.Contains(_log.Entries, e => e.Level >= LogLevel.Warning && e.Message.Contains("boom", StringComparison.Ordinal));
    }

    private sealed class ThrowsAfterRender : ComponentBase
    {
        [Parameter] public Exception Exception { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, "page");

        protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? Task.FromException(Exception) : Task.CompletedTask;
    }
}
