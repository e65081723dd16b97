using Facturix.Tests.Support;
using Microsoft.Playwright;

namespace Facturix.Tests.Workspace;

/// <summary>
/// wwwroot/js/workspace-keyboard.js in Chromium, on a bare page (no app server): the rule "never while typing" and the
/// keys it turns into shortcuts, including a French keyboard's digits and the listener's removal.
/// </summary>
public sealed class WorkspaceKeyboardScriptTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { Headless = true, ExecutablePath = BrowserFixture.ChromiumPath });
        _page = await _browser.NewPageAsync();
        await _page.SetContentAsync("""
            <button id="button">bouton</button>
            <input id="text" /><input id="check" type="checkbox" /><textarea id="area"></textarea>
            <select id="select"><option>a</option></select><div id="editable" contenteditable="true">x</div>
            <div id="drawer" data-own-digits tabindex="-1">objections</div>
            """);
        // The module as the app serves it; a fake .NET reference records what would reach WorkspaceKeyboard.
        var source = await File.ReadAllTextAsync(Path.Combine(AppDirectory(), "wwwroot", "js", "workspace-keyboard.js"));
        await _page.AddScriptTagAsync(new PageAddScriptTagOptions
        {
            Type = "module",
            Content = source + """

                window.__calls = [];
                window.__listener = attach({ invokeMethodAsync: (method, name, digit) => { window.__calls.push(name + ':' + digit); return Promise.resolve(); } });
                window.__ready = true;
                """,
        });
        await _page.WaitForFunctionAsync("window.__ready === true");
    }

    private Task<string[]> CallsAsync() => _page.EvaluateAsync<string[]>("window.__calls");

    [Fact]
    public async Task Keys_outside_fields_become_shortcuts()
    {
        await _page.FocusAsync("#button");
        foreach (var key in new[] { "n", "3", "c", "e", "l", "s", "Shift+?", "Escape", "Numpad7", "x" })
            await _page.Keyboard.PressAsync(key);

        Assert.Equal(["next:0", "digit:3", "call:0", "email:0", "note:0", "skip:0", "help:0", "escape:0", "digit:7"], await CallsAsync());
    }

    [Theory]
    [InlineData("#text")]
    [InlineData("#area")]
    [InlineData("#select")]
    [InlineData("#editable")]
    public async Task Nothing_fires_while_typing_in_a_field(string field)
    {
        await _page.FocusAsync(field);
        foreach (var key in new[] { "n", "1", "c", "s", "Shift+?" })
            await _page.Keyboard.PressAsync(key);

        Assert.Empty(await CallsAsync());
        // Esc only leaves the field; the next key is a shortcut again.
        await _page.Keyboard.PressAsync("Escape");
        await _page.Keyboard.PressAsync("n");
        Assert.Equal(["next:0"], await CallsAsync());
    }

    [Fact]
    public async Task A_checkbox_takes_no_text_so_shortcuts_work_there()
    {
        await _page.FocusAsync("#check");
        await _page.Keyboard.PressAsync("n");

        Assert.Equal(["next:0"], await CallsAsync());
    }

    [Fact]
    public async Task An_AZERTY_top_row_digit_is_its_digit_and_browser_combinations_are_left_alone()
    {
        await _page.FocusAsync("#button");
        // On a French keyboard the key "Digit2" types "é" without Shift.
        await _page.EvaluateAsync("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'é', code: 'Digit2', bubbles: true }))");
        await _page.Keyboard.PressAsync("Control+n");
        await _page.Keyboard.PressAsync("Alt+1");

        Assert.Equal(["digit:2"], await CallsAsync());
    }

    [Fact]
    public async Task The_script_drawer_keeps_its_digits_but_not_the_other_shortcuts()
    {
        await _page.FocusAsync("#drawer");
        await _page.Keyboard.PressAsync("2");
        await _page.Keyboard.PressAsync("n");

        Assert.Equal(["next:0"], await CallsAsync());
    }

    [Fact]
    public async Task Dispose_removes_the_listener()
    {
        await _page.EvaluateAsync("window.__listener.dispose()");
        await _page.FocusAsync("#button");
        await _page.Keyboard.PressAsync("n");

        Assert.Empty(await CallsAsync());
    }

    private static string AppDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Facturix.App");
            if (File.Exists(Path.Combine(candidate, "Facturix.App.csproj"))) return candidate;
        }
        throw new InvalidOperationException("Facturix.App folder not found above the test output.");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
