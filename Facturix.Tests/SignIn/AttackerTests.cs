using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Facturix.App.Shell;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Facturix.Tests.SignIn;

/// <summary>
/// What an attacker would try, in one place: replaying a cookie copied before sign-out; using a demoted admin's open
/// circuit; spraying passwords over twenty accounts from one address; posting the sign-in form without its
/// antiforgery token; framing the app from another origin; telling known from unknown emails by message or timing.
/// Tests that need limits of their own start their own app (<see cref="AppServer.StartOwnAsync"/>).
/// </summary>
public sealed class AttackerTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly Regex SignInPage = new("/Account/Login");

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var email = await NewStaffAsync("copied");
        var page = await SignedInPageAsync(email);
        var copy = await BrowserWithCookiesOfAsync(page);
        await copy.GotoAsync("/dashboard");
        await Expect(copy.GetByTestId("kpi-leads")).ToBeVisibleAsync(); // the copy works while the session lives

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(SignInPage);

        var replay = await BrowserWithCookiesOfAsync(copy);
        await replay.GotoAsync("/dashboard");
        await Expect(replay).ToHaveURLAsync(SignInPage);
        await Expect(replay.GetByTestId("kpi-leads")).ToHaveCountAsync(0);
    }


    [Fact]
    public async Task A_NUL_in_the_posted_email_is_refused_without_a_server_error()
    {
        using var client = new LoginClient(App);

        using var response = await client.PostAsync("a\0@b.fr", "Summer2026!!");

        // The framework's form reading refuses it first (400); the validator refuses control characters too, behind it.
        Assert.InRange((int)response.StatusCode, 200, 499);
        Assert.False(new SignInInputValidator().Validate(new SignInInput { Email = "a\0@b.fr", Password = "x" }).IsValid);
    }

    [Fact]
    public async Task A_demoted_admins_open_circuit_can_no_longer_call_an_admin_service()
    {
        var id = await App.CreateUserAsync($"demoted-{Guid.NewGuid():N}@test.local", Roles.Admin);
        using var circuit = new ActorAccessor(new CircuitAuthentication(id), App.Get<IActorResolver>(), App.Get<ILiveEvents>(), new HttpContextAccessor(), NullLogger<ActorAccessor>.Instance);
        Assert.NotEmpty(await App.Get<IUserDirectory>().ListAsync(await circuit.GetActorAsync()));

        await App.Get<IUserDirectory>().SetRolesAsync(await App.ActorAsync("admin@facturix.local"), id, [Roles.BusinessDeveloper]);

        // The circuit's actor follows the demotion through the live event; the next call from it is refused.
        var refusal = await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    await App.Get<IUserDirectory>().ListAsync(await circuit.GetActorAsync());
                    return null;
                }
                catch (ForbiddenException forbidden)
                {
                    return forbidden;
                }
            },
            forbidden => forbidden is not null, "refused to the demoted circuit");
        Assert.Equal(Capability.UsersManage, refusal!.Missing);
    }

    [Fact]
    public async Task A_password_spray_over_twenty_accounts_from_one_address_is_rate_limited()
    {
        // Ten attempts per address and no refill during the test, so the cut is exact; per email: the app's default.
        await using var app = await AppServer.StartOwnAsync(new Dictionary<string, string?>
        {
            ["PerClientIp:TokenLimit"] = "10", ["PerClientIp:TokensPerPeriod"] = "1", ["PerClientIp:ReplenishmentPeriod"] = "01:00:00",
        });
        var victims = Enumerable.Range(1, 20).Select(i => $"spray-{i}@test.local").ToList();
        foreach (var victim in victims) await app.CreateUserAsync(victim, Roles.BusinessDeveloper);

        using var client = new LoginClient(app);
        var pages = new List<string>();
        foreach (var victim in victims) pages.Add(await client.SignInAsync(victim, "Summer2026!!"));

        Assert.All(pages.Take(10), html => Assert.True(LoginClient.Shows(html, "login-error")));
        Assert.All(pages.Skip(10), html => Assert.True(LoginClient.Shows(html, "login-rate-limited")));
        Assert.Equal(victims[^1], LoginClient.EmailValue(pages[^1])); // the typed email is kept
        var limited = (await app.SignInAuditAsync()).Where(r => r.Action == SignInAuditActions.RateLimited).ToList();
        Assert.Equal(victims.Skip(10), limited.Select(r => r.Email));
        Assert.All(limited, r => Assert.Equal(("127.0.0.1", LoginClient.UserAgent), (r.Ip, r.UserAgent)));
    }


    [Fact]
    public async Task The_form_posted_without_its_antiforgery_token_is_refused_and_writes_nothing()
    {
        await using var app = await AppServer.StartOwnAsync();
        var id = await app.CreateUserAsync("forged-post@test.local", Roles.BusinessDeveloper);
        using var client = new LoginClient(app);

        using var response = await client.PostAsync("forged-post@test.local", "not-the-password", withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(await app.SignInAuditAsync(), r => r.Email == "forged-post@test.local");
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(0, await users.GetAccessFailedCountAsync((await users.FindByIdAsync(id.ToString()))!));
    }


    [Fact]
    public async Task Another_origin_cannot_frame_the_app()
    {
        var page = await NewPageAsync();
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal)) lock (refusals) refusals.Add(message.Text);
        };
        // about:blank with a frame: a foreign (opaque) origin embedding the sign-in page. SetContent waits for the
        // load event, which waits for the frame's own (blocked) load.
        await page.SetContentAsync($"<iframe src=\"{new Uri(App.BaseAddress, "/Account/Login")}\"></iframe>");

        var frame = page.Frames.Single(f => f != page.MainFrame);
        Assert.Equal(0, await frame.Locator("[data-testid=login-submit]").CountAsync());
        await Eventually.HoldsAsync(() => { lock (refusals) return Task.FromResult(refusals.Count); }, count => count > 0, "reported as refused by frame-ancestors");
    }


    [Fact]
    public async Task An_unknown_email_reads_exactly_like_a_wrong_password_and_is_never_locked_out()
    {
        await using var app = await AppServer.StartOwnAsync();
        await app.CreateUserAsync("known-reader@test.local", Roles.BusinessDeveloper);
        using var client = new LoginClient(app);

        var wrong = await client.SignInAsync("known-reader@test.local", "not-the-password");
        var unknown = await client.SignInAsync("unknown-reader@test.local", "not-the-password");
        Assert.Equal(Alert(wrong), Alert(unknown));

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var again = await client.SignInAsync("unknown-reader@test.local", $"guess-{attempt}");
            Assert.True(LoginClient.Shows(again, "login-error"));
            Assert.False(LoginClient.Shows(again, "login-locked-out"));
        }
    }


    [Fact]
    public async Task An_unknown_email_takes_about_as_long_as_a_wrong_password_for_a_known_one()
    {
        await using var app = await AppServer.StartOwnAsync();
        await app.CreateUserAsync("timing-known@test.local", Roles.BusinessDeveloper);
        using var scope = app.Services.CreateScope();
        // SignInManager reads the request's context; a bare one will do for refusals (no cookie is written).
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var signIn = scope.ServiceProvider.GetRequiredService<ISignInService>();
        var client = new SignInClient(IPAddress.Loopback, "timing-test");

        async Task<TimeSpan> TimeAsync(string email)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await signIn.SignInAsync(new SignInAttempt(email, "not-the-password", false, client));
            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.NotEqual(SignInOutcome.Succeeded, result.Outcome);
            return elapsed;
        }

        await TimeAsync("timing-warmup@test.local"); // first use: JIT, the dummy hash
        var known = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var round = 0; round < 9; round++)
        {
            // Interleaved, so a busy moment on the machine weighs on both. The known account locks after five
            // failures: a locked account must take as long too.
            known.Add(await TimeAsync("timing-known@test.local"));
            unknown.Add(await TimeAsync($"timing-unknown-{round}@test.local"));
        }

        var ratio = Median(unknown) / Median(known);
        Assert.True(ratio is > 0.4 and < 2.5, $"median unknown {Median(unknown).TotalMilliseconds:0} ms vs known {Median(known).TotalMilliseconds:0} ms");
    }


    /// <summary>The alert's markup: same hook, same words.</summary>
    private static string Alert(string html)
    {
        var start = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no alert on the page");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
}
