using Bunit;
using Facturix.App.Calls;
using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Calls;

/// <summary>The call button: Aircall dials for a linked BD, a tel: link otherwise; Aircall's refusals read clearly.</summary>
public sealed class CallButtonTests() : ShellTestContext(services => services.AddSingleton<ICallService>(Calls))
{
    private static readonly ScriptedCallService Calls = new();

    private static readonly WorkspaceLead Lead = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "Camille Martin", "Société", null, "+33612345678", null,
        "FR", null, LeadStatus.New, 0, 0, null, null, DateTimeOffset.UtcNow.AddMinutes(10), "Europe/Paris", 1);

    [Fact]
    public void Without_a_linked_Aircall_user_the_button_is_a_tel_link()
    {
        Calls.Reset(canDial: false);
        SignIn(Roles.BusinessDeveloper);

        var cut = Render<CallButton>(p => p.Add(b => b.Lead, Lead));

        var button = cut.Find("[data-testid=call-button]");
        Assert.Equal("tel", button.GetAttribute("data-mode"));
        Assert.Equal("tel:+33612345678", button.GetAttribute("href"));
    }

    [Fact]
    public void When_the_Aircall_link_cannot_be_read_the_button_falls_back_to_the_tel_link_and_says_so()
    {
        Calls.Reset(canDial: true);
        Calls.CanDialFailure = new InvalidOperationException("settings unreadable");
        SignIn(Roles.BusinessDeveloper);
        var snackbar = Render<MudSnackbarProvider>();

        var cut = Render<CallButton>(p => p.Add(b => b.Lead, Lead));

        Assert.Equal("tel", cut.Find("[data-testid=call-button]").GetAttribute("data-mode"));
        snackbar.WaitForAssertion(() => Assert.Equal("error", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
    }

    [Fact]
    public async Task With_a_linked_user_the_C_shortcut_asks_Aircall_to_dial_the_lead()
    {
        Calls.Reset(canDial: true);
        SignIn(Roles.BusinessDeveloper);
        Render<MudPopoverProvider>();
        var snackbar = Render<MudSnackbarProvider>();
        var cut = Render<CallButton>(p => p.Add(b => b.Lead, Lead));
        Assert.Equal("aircall", cut.Find("[data-testid=call-button]").GetAttribute("data-mode"));

        await cut.InvokeAsync(() => cut.Instance.DialAsync());

        Assert.Equal([Lead.Id], Calls.Dialed);
        snackbar.WaitForAssertion(() => Assert.Equal("success", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
    }

    [Theory]
    [InlineData("fr", "10:15:42")]
    [InlineData("en", "10:15:42 AM")] // the time as English writes it, not the French 24-hour clock
    public async Task A_rate_limited_dial_says_when_to_try_again_in_the_users_time(string culture, string time)
    {
        UseCulture(culture);
        Calls.Reset(canDial: true, refusal: new AircallException(AircallErrors.RateLimited, "429",
            new DateTimeOffset(2026, 11, 29, 9, 15, 42, TimeSpan.Zero)));
        SignIn(Roles.BusinessDeveloper);
        var snackbar = Render<MudSnackbarProvider>();
        var cut = Render<CallButton>(p => p.Add(b => b.Lead, Lead));

        await cut.InvokeAsync(() => cut.Instance.DialAsync());

        snackbar.WaitForAssertion(() =>
        {
            var toast = snackbar.Find("[data-testid=toast]");
            Assert.Equal("warning", toast.GetAttribute("data-severity"));
            // Paris time of Aircall's reset; ICU may set AM apart with a narrow no-break space.
            Assert.Contains(time, toast.TextContent.Replace('\u202F', ' '));
        });
    }

    [Fact]
    public async Task An_unavailable_Aircall_user_gets_its_own_message()
    {
        UseCulture("en");
        Calls.Reset(canDial: true, refusal: new AircallException(AircallErrors.UserUnavailable, "400"));
        SignIn(Roles.BusinessDeveloper);
        var snackbar = Render<MudSnackbarProvider>();
        var cut = Render<CallButton>(p => p.Add(b => b.Lead, Lead));

        await cut.InvokeAsync(() => cut.Instance.DialAsync());

        snackbar.WaitForAssertion(() => Assert.Contains("Aircall phone is not available", snackbar.Find("[data-testid=toast]").TextContent));
    }
}
