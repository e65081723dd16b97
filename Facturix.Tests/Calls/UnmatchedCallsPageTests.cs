using Bunit;
using Facturix.App.Calls;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Calls;

/// <summary>The unmatched calls page: one row per call (contract hooks), a lead found by phone, the call attached.</summary>
public sealed class UnmatchedCallsPageTests() : ShellTestContext(services => services.AddSingleton<ICallService>(Calls))
{
    private static readonly FakeCalls Calls = new();

    [Fact]
    public void A_manager_finds_the_lead_and_attaches_the_call_which_leaves_the_list()
    {
        SignIn(Roles.Manager);
        var snackbar = Render<MudSnackbarProvider>();
        var page = Render<UnmatchedCallsPage>();

        var row = page.WaitForElement("[data-testid=unmatched-call]");
        Assert.Equal("8200001", row.GetAttribute("data-call-id"));
        Assert.Contains("+442079460958", row.TextContent);

        row.QuerySelector("[data-testid=attach-call]")!.Click();
        page.Find("[data-testid=attach-lead-search]").Input("06 11 22 33 44");
        var option = page.WaitForElement("[data-testid=attach-lead-option]");
        Assert.Equal(Calls.Lead.Id.ToString(), option.GetAttribute("data-lead-id"));
        option.Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=unmatched-call]")));
        Assert.Equal((Calls.Call.ActivityId, Calls.Lead.Id), Calls.Attached);
        Assert.Equal("06 11 22 33 44", Calls.Searched);
        snackbar.WaitForAssertion(() => Assert.Equal("success", snackbar.Find("[data-testid=toast]").GetAttribute("data-severity")));
        Assert.NotNull(page.Find("[data-testid=unmatched-empty]"));
    }

    private sealed class FakeCalls : ICallService
    {
        public UnmatchedCall Call { get; } = new(Guid.CreateVersion7(), 8200001, "+442079460958", CallDirection.Inbound, true, 0,
            DateTimeOffset.UtcNow, "BD 1");
        public CallLeadChoice Lead { get; } = new(Guid.CreateVersion7(), "Camille Martin", "Société", "+33611223344", "Campagne");
        public (Guid, Guid)? Attached { get; private set; }
        public string? Searched { get; private set; }

        public Task<PagedResult<UnmatchedCall>> ListUnmatchedAsync(Actor actor, PageRequest page, CancellationToken ct = default) =>
            Task.FromResult(Attached is null ? new PagedResult<UnmatchedCall>([Call], 1) : PagedResult<UnmatchedCall>.Empty);

        public Task<IReadOnlyList<CallLeadChoice>> SearchLeadsAsync(Actor actor, string text, CancellationToken ct = default)
        {
            Searched = text;
            return Task.FromResult<IReadOnlyList<CallLeadChoice>>([Lead]);
        }

        public Task AttachAsync(Actor actor, Guid activityId, Guid leadId, CancellationToken ct = default)
        {
            Attached = (activityId, leadId);
            return Task.CompletedTask;
        }

        public Task<bool> CanDialAsync(Actor actor, CancellationToken ct = default) => Task.FromResult(false);
        public Task DialAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<CallRecordingLink> GetRecordingLinkAsync(Actor actor, Guid activityId, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
