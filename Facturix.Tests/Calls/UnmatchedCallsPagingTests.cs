using Bunit;
using Facturix.App.Calls;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Calls;

/// <summary>The unmatched calls page past one page of calls, as they get attached here and elsewhere.</summary>
public sealed class UnmatchedCallsPagingTests : ShellTestContext
{
    private readonly ScriptedCallService _calls;

    public UnmatchedCallsPagingTests() : this(new ScriptedCallService()) { }

    private UnmatchedCallsPagingTests(ScriptedCallService calls) : base(services => services.AddSingleton<ICallService>(calls))
    {
        _calls = calls;
        SignIn(Roles.Manager);
    }

    private static UnmatchedCall Call(int i) => new(Guid.CreateVersion7(), 8300000 + i, $"+4420794609{i:00}", CallDirection.Inbound, true, 0,
        DateTimeOffset.UtcNow.AddMinutes(-i), "BD 1");

    [Fact]
    public async Task When_the_last_page_s_calls_are_attached_elsewhere_the_page_steps_back_instead_of_saying_all_are_matched()
    {
        _calls.Unmatched.AddRange(Enumerable.Range(0, 26).Select(Call));
        var events = (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
        var page = Render<UnmatchedCallsPage>();
        page.WaitForElement("[data-testid=unmatched-next]").Click();
        var last = _calls.Unmatched[^1];
        page.WaitForAssertion(() => Assert.Equal(last.CallId.ToString(), page.Find("[data-testid=unmatched-call]").GetAttribute("data-call-id")));

        // Another manager attached the one call of page 2.
        _calls.Unmatched.Remove(last);
        await events.RaiseAsync(new ActivityLogged(last.ActivityId, ActivityKind.Call, Guid.NewGuid(), Guid.NewGuid(), null));

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("[data-testid=unmatched-call]").Count));
        Assert.Empty(page.FindAll("[data-testid=unmatched-empty]"));
    }
}
