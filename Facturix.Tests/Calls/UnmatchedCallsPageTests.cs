using Bunit;
using Facturix.App.Calls;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Calls;

/// <summary>The unmatched calls page: one row per call (contract hooks), a lead found by phone, the call attached.</summary>
public sealed class UnmatchedCallsPageTests() : ShellTestContext(services => services.AddSingleton<ICallService>(Calls))
{
    private static readonly UnmatchedCall Call = new(Guid.CreateVersion7(), 8200001, "+442079460958", CallDirection.Inbound, true, 0,
        DateTimeOffset.UtcNow, "BD 1");
    private static readonly CallLeadChoice Lead = new(Guid.CreateVersion7(), "Camille Martin", "Société", "+33611223344", "Campagne");
    private static readonly ScriptedCallService Calls = new() { Unmatched = { Call }, LeadChoices = { Lead } };

    [Fact]
    public void A_manager_finds_the_lead_and_attaches_the_call_which_leaves_the_list()
    {
        SignIn(Roles.Manager);
        var snackbar = Render<MudSnackbarProvider>();
        var page = Render<UnmatchedCallsPage>();

        var row = page.WaitForElement("[data-testid=unmatched-call]");
        Assert.Equal("8200001", row.GetAttribute("data-call-id"));
        // The caller's number and the candidates' read the same way (decision 0079): London from abroad, Paris at home.
        Assert.Contains("+44\u00A020\u00A07946\u00A00958", row.TextContent);

        row.QuerySelector("[data-testid=attach-call]")!.Click();
        page.Find("[data-testid=attach-lead-search]").Input("06 11 22 33 44");
        var option = page.WaitForElement("[data-testid=attach-lead-option]");
        Assert.Equal(Lead.Id.ToString(), option.GetAttribute("data-lead-id"));
        // The candidate's number reads grouped, to compare with the caller's by eye.
        Assert.Contains("06\u00A011\u00A022\u00A033\u00A044", option.TextContent);
        option.Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=unmatched-call]")));
        Assert.Equal((Call.ActivityId, Lead.Id), Calls.Attached);
        Assert.Equal("06 11 22 33 44", Calls.Searched);
        snackbar.WaitForAssertion(() => Assert.Equal("success", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
        Assert.NotNull(page.Find("[data-testid=unmatched-empty]"));
    }

    [Fact]
    public async Task Calls_logged_on_leads_do_not_reload_the_list_an_unmatched_call_or_a_change_to_a_shown_one_does()
    {
        SignIn(Roles.Manager);
        Calls.Unmatched.Clear();
        Calls.Unmatched.Add(Call);
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var page = Render<UnmatchedCallsPage>();
        page.WaitForElement("[data-testid=unmatched-call]");
        var reads = Calls.UnmatchedReads;

        // Every outcome a BD records in the workspace is a call activity on a lead: none concerns this page.
        await events.RaiseAsync(new ActivityLogged(Guid.CreateVersion7(), ActivityKind.Call, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
        await events.RaiseAsync(new ActivityLogged(Guid.CreateVersion7(), ActivityKind.Note, null, null, Guid.NewGuid()));
        Assert.Equal(reads, Calls.UnmatchedReads);

        // A new call no lead matched: the list reloads.
        await events.RaiseAsync(new ActivityLogged(Guid.CreateVersion7(), ActivityKind.Call, null, null, Guid.NewGuid()));
        page.WaitForAssertion(() => Assert.Equal(reads + 1, Calls.UnmatchedReads));

        // Another manager attached the shown call: it leaves this list too.
        Calls.Unmatched.Clear();
        try
        {
            await events.RaiseAsync(new ActivityLogged(Call.ActivityId, ActivityKind.Call, Guid.NewGuid(), Guid.NewGuid(), null));
            page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=unmatched-empty]")), TimeSpan.FromSeconds(5));
        }
        finally
        {
            Calls.Unmatched.Add(Call); // the double is shared by the class
        }
    }

    [Fact]
    public void A_search_that_finds_no_lead_says_so()
    {
        SignIn(Roles.Manager);
        // The double is shared by the class: the call back in the list, no lead to find, the lead restored after.
        Calls.Unmatched.Clear();
        Calls.Unmatched.Add(Call);
        Calls.LeadChoices.Clear();
        try
        {
            var page = Render<UnmatchedCallsPage>();
            page.WaitForElement("[data-testid=attach-call]").Click();
            Assert.Empty(page.FindAll("[data-testid=attach-no-lead]")); // nothing searched yet

            page.Find("[data-testid=attach-lead-search]").Input("Zorglub");

            page.WaitForAssertion(() => Assert.Contains("Zorglub", page.Find("[data-testid=attach-no-lead]").TextContent));
        }
        finally
        {
            Calls.LeadChoices.Add(Lead);
        }
    }
}
