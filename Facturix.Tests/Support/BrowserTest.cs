using Facturix.Infrastructure.DemoData;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.Support;

/// <summary>
/// Base class for end-to-end journeys. A journey reads like what a person does:
/// <code>
/// var page = await SignedInPageAsync("bd1@facturix.local", at: "/leads");   // lands there, interactive
/// await Expect(page.GetByTestId("leads-total")).ToHaveAttributeAsync("data-value", "42");
/// await OpenInCircuitAsync(page, "/dashboard"); await WaitPageLoadedAsync(page); // as a menu click does
/// </code>
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserFixture Fixture { get; } = fixture;
    protected AppServer App => Fixture.App;

    static BrowserTest() => SetDefaultExpectTimeout(15_000);

    /// <summary>
    /// A fresh, signed-out browser context (own cookies), with the app as base URL; or another app of the test's
    /// own (one with other settings, such as strict sign-in limits).
    /// </summary>
    protected async Task<IPage> NewPageAsync(AppServer? app = null)
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (app ?? App).BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in through the real form and waits until the circuit of the page it lands on is interactive: the dashboard, or
    /// <paramref name="at"/> (path and query), reached as a bookmark is, through the form's return address: a journey that
    /// starts elsewhere than the dashboard does not load the dashboard first (a whole load and its figures, for nothing).
    /// </summary>
    protected async Task<IPage> SignedInPageAsync(string email, string password = DemoDataSeeder.DemoPassword, string? at = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(at is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(at)}");
        await LoginInput(page, "login-email").FillAsync(email);
        await LoginInput(page, "login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await WaitInteractiveAsync(page);
        if (at is not null)
            await Expect(page.GetByTestId("app-interactive")).ToHaveAttributeAsync("data-location", at);
        return page;
    }

    /// <summary>Clicks before the circuit is interactive are lost: wait for the layout's marker first.</summary>
    protected static Task WaitInteractiveAsync(IPage page) =>
        Expect(page.GetByTestId("app-interactive")).ToBeAttachedAsync();

    /// <summary>
    /// Opens <paramref name="route"/> (path and query) inside the page's circuit, as a click on a menu link does, and waits
    /// until the layout shows it: its <c>app-interactive</c> marker carries the page shown, set in the same render as the
    /// new page's first one. For the sweeps that visit every page in a row: a full load (<c>GotoAsync</c>) starts a new
    /// circuit each time and costs the browser and the app about five times as much (ADR 0099). Follow with
    /// <see cref="WaitPageLoadedAsync"/> to read the page whole.
    /// </summary>
    protected static async Task OpenInCircuitAsync(IPage page, string route)
    {
        if (!route.StartsWith('/') || route.Contains('\'') || route.Contains('"'))
            throw new ArgumentException($"A root-relative route without quotes, not {route}", nameof(route));
        // After a load (the language switch reloads the page), Blazor's script and circuit come after the HTML: wait for
        // the circuit first ("Blazor is not defined" failed a clean-clone run).
        await WaitInteractiveAsync(page);
        await page.EvaluateAsync("route => Blazor.navigateTo(route)", route);
        await Expect(page.Locator($"[data-testid='app-interactive'][data-location='{route}']")).ToBeAttachedAsync();
    }

    /// <summary>
    /// A page shown and its data loaded, for checks that read a whole page (the sweeps). The interactive marker comes with
    /// the layout's first interactive render, before the signed-in app bar and the page itself (nothing is prerendered
    /// behind sign-in: the route is still "authorizing" then), so a check on it alone could read an empty page. Every
    /// page has an h1, the not-found and access-denied states included; the skeletons then stand for its data. Fonts are loaded, so widths
    /// are measured in Inter as shown.
    /// </summary>
    protected static async Task WaitPageLoadedAsync(IPage page)
    {
        await WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("drawer-toggle")).ToBeVisibleAsync();
        await Expect(page.Locator(".fx-page h1, .fx-state h1").First).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
    }

    /// <summary>
    /// Fills a just-opened dialog's fields, then checks that each kept its text and fills again any that did not (three
    /// rounds). The dialog moves the focus to its first field a moment after it shows (its focus trap, through the
    /// circuit), and text being typed into another field right then went on into the first one: a clean-clone run created
    /// the account "Boulangeries …Lyon", its city typed at the end of its name. The move happens once, on opening.
    /// </summary>
    protected static async Task FillFieldsAsync(params (ILocator Field, string Value)[] fields)
    {
        for (var round = 1; ; round++)
        {
            foreach (var (field, value) in fields)
                if (await field.InputValueAsync() != value) await field.FillAsync(value);
            var kept = true;
            foreach (var (field, value) in fields)
                kept &= await field.InputValueAsync() == value;
            if (kept) return;
            if (round == 3) throw new InvalidOperationException("A dialog's fields did not keep what was typed into them.");
        }
    }

    /// <summary>
    /// Presses <paramref name="key"/> until <paramref name="appears"/> is visible (three tries, 5 s each): a key pressed
    /// before the page's keyboard listener is attached is lost without an error.
    /// </summary>
    protected static async Task PressUntilVisibleAsync(IPage page, string key, ILocator appears)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync(key);
            try
            {
                await appears.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Not listening yet: press again.
            }
        }
    }

    /// <summary>
    /// Clicks <paramref name="target"/> until <paramref name="appears"/> is visible (three tries, each waiting up to 5 s for
    /// it). For a button or link on a page that a live refresh may re-render between Playwright finding it and the click
    /// landing: the click then hits a detached or moved element and is lost without an error. A target gone by the retry
    /// means the click did land and its result is slow (a busy run): that is waited for, never clicked twice.
    /// </summary>
    protected static async Task ClickUntilVisibleAsync(ILocator target, ILocator appears)
    {
        for (var attempt = 1; ; attempt++)
        {
            await target.ClickAsync();
            try
            {
                await appears.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                if (await target.IsVisibleAsync()) continue; // The click was lost: try again.
                await appears.WaitForAsync(new() { State = WaitForSelectorState.Visible });
                return;
            }
        }
    }

    protected async Task<string> NewStaffAsync(string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}@test.local";
        await App.CreateUserAsync(email, Facturix.Domain.Users.Roles.BusinessDeveloper);
        return email;
    }

    /// <summary>A separate browser context holding a copy of <paramref name="page"/>'s cookies (a stolen cookie, say).</summary>
    protected async Task<IPage> BrowserWithCookiesOfAsync(IPage page)
    {
        var cookies = await page.Context.CookiesAsync();
        var copy = await NewPageAsync();
        await copy.Context.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        return copy;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }
}
