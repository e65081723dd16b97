using Bunit;
using Facturix.App.Campaigns.Assignments;
using Facturix.Domain.Campaigns;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Campaigns;

public sealed class CampaignAssignmentsTabTests() : ShellTestContext(services => services
    .AddSingleton<ICampaignAssignmentService>(new FakeAssignments()))
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private static readonly AssignmentCandidate Alice = new(Guid.NewGuid(), "alice@facturix.local", "Alice Leroy");
    private static readonly AssignmentCandidate Bruno = new(Guid.NewGuid(), "bruno@facturix.local", "Bruno Petit");
    private static readonly AssignmentCandidate Chloe = new(Guid.NewGuid(), "chloe@facturix.local", "Chloé Roux");
    private FakeAssignments Assignments => (FakeAssignments)Services.GetRequiredService<ICampaignAssignmentService>();

    private IRenderedComponent<TabHost> RenderTab(bool canEdit) =>
        Render<TabHost>(p => p.AddChildContent<CampaignAssignmentsTab>(t => t
            .Add(x => x.CampaignId, CampaignId).Add(x => x.CanEdit, canEdit)));

    [Fact]
    public void The_dialog_multi_selects_candidates_and_assigns_them_in_one_call()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);
        Assert.NotNull(tab.Find("[data-testid=assignees-empty]"));

        tab.Find("[data-testid=assign-bd]").Click();
        tab.WaitForAssertion(() => Assert.Equal(3, tab.FindAll("[data-testid=assign-candidate]").Count));
        tab.Find("[data-testid=assign-candidate][data-user-email='alice@facturix.local'] input").Change(true);
        tab.Find("[data-testid=assign-candidate][data-user-email='chloe@facturix.local'] input").Change(true);
        tab.Find("[data-testid=assign-confirm]").Click();

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=assignee-chip]").Count));
        Assert.Equal(new[] { Alice.UserId, Chloe.UserId }.Order(), Assert.Single(Assignments.AssignCalls).Order());
        Assert.Equal(["alice@facturix.local", "chloe@facturix.local"],
            tab.FindAll("[data-testid=assignee-chip]").Select(c => c.GetAttribute("data-user-email")));
        Assert.Contains(tab.FindAll("[data-testid=toast]"), t => t.GetAttribute("data-severity") == "success");
    }

    [Fact]
    public async Task The_search_box_narrows_the_candidates_and_keeps_the_selection()
    {
        SignIn(Roles.Manager);
        var tab = RenderTab(canEdit: true);
        tab.Find("[data-testid=assign-bd]").Click();
        tab.WaitForAssertion(() => Assert.Equal(3, tab.FindAll("[data-testid=assign-candidate]").Count));
        tab.Find("[data-testid=assign-candidate][data-user-email='bruno@facturix.local'] input").Change(true);

        tab.Find("input[data-testid=assign-search]").Input("alice");

        tab.WaitForAssertion(() => Assert.Equal(["alice@facturix.local"],
            tab.FindAll("[data-testid=assign-candidate]").Select(c => c.GetAttribute("data-user-email"))), TimeSpan.FromSeconds(3));
        Assert.Equal("alice", Assignments.LastSearch);
        // Found and used on the renderer's thread: the search's own re-render can land between a Find and its event, and
        // the event then names a handler that is gone (a clean-clone run failed so).
        await tab.InvokeAsync(() => tab.Find("[data-testid=assign-candidate][data-user-email='alice@facturix.local'] input").Change(true));
        await tab.InvokeAsync(() => tab.Find("[data-testid=assign-confirm]").Click());
        tab.WaitForAssertion(() => Assert.Equal(new[] { Alice.UserId, Bruno.UserId }.Order(), Assert.Single(Assignments.AssignCalls).Order()));
    }

    [Fact]
    public void Removing_someone_asks_first_and_cancelling_keeps_them()
    {
        SignIn(Roles.Manager);
        Assignments.Assigned.Add(new CampaignAssignee(Bruno.UserId, Bruno.Email, Bruno.DisplayName, DateTimeOffset.UtcNow));
        var tab = RenderTab(canEdit: true);

        tab.Find("[data-testid=assignee-remove][data-user-email='bruno@facturix.local']").Click();
        tab.WaitForElement("[data-testid=confirm-cancel]").Click();
        Assert.Empty(Assignments.Removed);

        tab.Find("[data-testid=assignee-remove][data-user-email='bruno@facturix.local']").Click();
        tab.WaitForElement("[data-testid=confirm-ok]").Click();

        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("[data-testid=assignee-chip]")));
        Assert.Equal([Bruno.UserId], Assignments.Removed);
    }

    [Fact]
    public void Readers_see_the_team_without_controls_and_it_follows_changes_live()
    {
        SignIn(Roles.BusinessDeveloper);
        Assignments.Assigned.Add(new CampaignAssignee(Bruno.UserId, Bruno.Email, Bruno.DisplayName, DateTimeOffset.UtcNow));
        var tab = RenderTab(canEdit: false);
        Assert.Single(tab.FindAll("[data-testid=assignee-chip]"));
        Assert.Empty(tab.FindAll("[data-testid=assign-bd]"));
        Assert.Empty(tab.FindAll("[data-testid=assignee-remove]"));

        Assignments.Assigned.Add(new CampaignAssignee(Alice.UserId, Alice.Email, Alice.DisplayName, DateTimeOffset.UtcNow));
        _ = ((InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>()).RaiseAsync(new CampaignChanged(CampaignId, Guid.NewGuid()));

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("[data-testid=assignee-chip]").Count));
    }

    private sealed class FakeAssignments : ICampaignAssignmentService
    {
        private static readonly AssignmentCandidate[] Everyone = [Alice, Bruno, Chloe];
        public List<CampaignAssignee> Assigned { get; } = [];
        public List<IReadOnlyCollection<Guid>> AssignCalls { get; } = [];
        public List<Guid> Removed { get; } = [];
        public string? LastSearch { get; private set; }

        public Task<IReadOnlyList<CampaignAssignee>> ListAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<CampaignAssignee>>(Assigned.OrderBy(a => a.Email).ToList());

        public Task<IReadOnlyList<AssignmentCandidate>> ListCandidatesAsync(Actor actor, Guid campaignId, string? search, CancellationToken ct = default)
        {
            LastSearch = search;
            return Task.FromResult<IReadOnlyList<AssignmentCandidate>>(Everyone
                .Where(c => Assigned.All(a => a.UserId != c.UserId))
                .Where(c => string.IsNullOrEmpty(search) || c.Email.Contains(search, StringComparison.OrdinalIgnoreCase))
                .ToList());
        }

        public Task AssignAsync(Actor actor, Guid campaignId, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
        {
            AssignCalls.Add(userIds);
            Assigned.AddRange(Everyone.Where(c => userIds.Contains(c.UserId))
                .Select(c => new CampaignAssignee(c.UserId, c.Email, c.DisplayName, DateTimeOffset.UtcNow)));
            return Task.CompletedTask;
        }

        public Task RemoveAsync(Actor actor, Guid campaignId, Guid userId, CancellationToken ct = default)
        {
            Removed.Add(userId);
            Assigned.RemoveAll(a => a.UserId == userId);
            return Task.CompletedTask;
        }
    }
}
