using Microsoft.Playwright;

namespace Facturix.Tests.Support;

/// <summary>
/// One app server and one Chromium for every browser test; each test gets isolated contexts
/// (own cookies) from it. Debian's Chromium is used as is: nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string HeadlessShellPath = "/usr/bin/chromium-headless-shell";
    private const string FullChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Debian's headless shell when it is there (the build Playwright itself runs headless): the full browser's headless
    /// mode also runs its own UI behind the page, and the same journeys took a third more CPU in it on a run whose two
    /// cores are saturated from start to end (docs/decisions/0095). The full browser otherwise.
    /// </summary>
    public static string ChromiumPath => File.Exists(HeadlessShellPath) ? HeadlessShellPath : FullChromiumPath;
    private IPlaywright? _playwright;

    public AppServer App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Neither {HeadlessShellPath} nor {FullChromiumPath} is there: run ./test.sh, which installs Debian's chromium-headless-shell.");
        var startApp = App.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = ChromiumPath,
            // The machine has no network beyond loopback: keep Chromium from trying.
            Args = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        await startApp;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
