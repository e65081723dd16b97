using Microsoft.Playwright;

namespace Facturix.Tests.Support;

public abstract partial class BrowserTest
{
    /// <summary>The text input behind a login hook, whether the hook sits on the input or on its MudBlazor wrapper.</summary>
    protected static ILocator LoginInput(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;
}
