using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The dashboard page over scripted services (DashboardDoubles.cs): the page test classes share this host,
/// their helpers and the signed-in person.
/// </summary>
public abstract class DashboardPageTest() : ShellTestContext(services => services
    .AddSingleton<ILiveEvents>(new InMemoryLiveEvents())
    .AddSingleton<IDashboardService>(new ScriptedDashboard())
    .AddSingleton<ICampaignService>(new ListedCampaigns())
    .AddSingleton<IGoalService>(new RecordingGoals())
    .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))))
{
    protected InMemoryLiveEvents LiveEvents => (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();
    private protected ScriptedDashboard Dashboard => (ScriptedDashboard)Services.GetRequiredService<IDashboardService>();
    private protected RecordingGoals Goals => (RecordingGoals)Services.GetRequiredService<IGoalService>();
    protected FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    protected static readonly Guid CampaignA = DashboardSamples.CampaignA;

    /// <summary>The signed-in person, as the in-memory preferences key them (by user id).</summary>
    protected static Actor Me => Actor.WithDefaultCapabilities(UserId, "someone@facturix.local", Roles.Manager);

    protected IRenderedComponent<DashboardPage> RenderPage()
    {
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        var page = host.FindComponent<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=dashboard]").GetAttribute("data-loaded")));
        return page;
    }

    /// <summary>The date input of a MudTextField hook (MudBlazor puts user attributes on the input itself).</summary>
    protected static AngleSharp.Dom.IElement DateInput(IRenderedComponent<DashboardPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    protected static string? Attr(IRenderedComponent<DashboardPage> page, string selector, string attribute) =>
        page.Find(selector).GetAttribute(attribute);
}
