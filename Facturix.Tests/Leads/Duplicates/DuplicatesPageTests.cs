using Bunit;
using Facturix.App.Leads.Duplicates;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads.Duplicates;

/// <summary>The duplicates page's live reloads: which events re-read the groups, and where a reload leaves the pager.</summary>
public sealed class DuplicatesPageTests : ShellTestContext
{
    private static readonly Guid Mine = Guid.NewGuid();
    private readonly ListedGroups _duplicates;
    private InMemoryLiveEvents Events => (InMemoryLiveEvents)Services.GetRequiredService<ILiveEvents>();

    public DuplicatesPageTests() : this(new ListedGroups()) { }

    private DuplicatesPageTests(ListedGroups duplicates) : base(services => services.AddSingleton<IDuplicateService>(duplicates))
    {
        _duplicates = duplicates;
        SignIn(Roles.Manager, scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { Mine }));
    }

    private static DuplicateGroupView Group(int i) => new(Guid.NewGuid(), DuplicateReason.Email, $"contact{i}@acme.fr", DateTimeOffset.UtcNow,
    [
        new DuplicateMemberView(Guid.NewGuid(), "Camille Martin", "Acme", $"contact{i}@acme.fr", null, "Relance", LeadStatus.New, DateTimeOffset.UtcNow),
        new DuplicateMemberView(Guid.NewGuid(), "Camille Martin", "Acme SA", $"contact{i}@acme.fr", null, "Relance", LeadStatus.New, DateTimeOffset.UtcNow),
    ]);

    [Fact]
    public void A_running_scan_shows_a_spinner_named_as_its_text_says()
    {
        _duplicates.ScanRunning = true;

        var page = Render<DuplicatesPage>();

        // A progress indicator without a name is announced as a nameless one (axe aria-progressbar-name).
        var spinner = page.WaitForElement("[data-testid=duplicates-scan-running]");
        Assert.Equal("progressbar", spinner.GetAttribute("role"));
        Assert.False(string.IsNullOrWhiteSpace(spinner.GetAttribute("aria-label")));
        Assert.Equal("running", page.Find("[data-testid=duplicates-scan]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Leads_changed_in_another_teams_campaigns_do_not_reload_the_groups_in_the_viewers_do()
    {
        _duplicates.Groups.Add(Group(1));
        var page = Render<DuplicatesPage>();
        page.WaitForElement("[data-testid=duplicate-group]");
        var reads = _duplicates.Reads;

        await Events.RaiseAsync(new LeadsChanged([Guid.NewGuid(), Guid.NewGuid()])); // e.g. the nightly rescoring, chunk by chunk
        Assert.Equal(reads, _duplicates.Reads);

        _duplicates.Groups.Clear(); // merged by a colleague
        await Events.RaiseAsync(new LeadsChanged([Guid.NewGuid(), Mine]));
        page.WaitForElement("[data-testid=duplicates-empty]");
    }

    [Fact]
    public async Task When_the_last_page_s_groups_go_the_page_steps_back_instead_of_saying_there_are_none()
    {
        _duplicates.Groups.AddRange(Enumerable.Range(0, 21).Select(Group));
        var page = Render<DuplicatesPage>();
        page.WaitForElement("[data-testid=duplicate-group]");
        page.FindAll(".mud-pagination button").Single(b => b.TextContent.Trim() == "2").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=duplicate-group]")));

        // A scan finished meanwhile and the group of page 2 is gone.
        _duplicates.Groups.RemoveAt(20);
        await Events.RaiseAsync(new DuplicatesScanned(20));

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("[data-testid=duplicate-group]").Count));
        Assert.Empty(page.FindAll("[data-testid=duplicates-empty]"));
    }

    private sealed class ListedGroups : IDuplicateService
    {
        public List<DuplicateGroupView> Groups { get; } = [];
        public int Reads { get; private set; }

        public Task<PagedResult<DuplicateGroupView>> ListGroupsAsync(Actor actor, PageRequest page, CancellationToken ct = default)
        {
            Reads++;
            return Task.FromResult(new PagedResult<DuplicateGroupView>(Groups.Skip(page.Skip).Take(page.Take).ToList(), Groups.Count));
        }

        public bool ScanRunning { get; set; }
        public Task<bool> IsScanRunningAsync(Actor actor, CancellationToken ct = default) => Task.FromResult(ScanRunning);
        public Task<IReadOnlyList<LeadMergeView>> RecentMergesAsync(Actor actor, int take = 10, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<LeadMergeView>>([]);
        public Task<MergePreview> PreviewMergeAsync(Actor actor, Guid survivorId, Guid mergedId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Guid> MergeAsync(Actor actor, Guid survivorId, Guid mergedId, IReadOnlySet<MergeField> takeFromMerged, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task UndoMergeAsync(Actor actor, Guid mergeId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DismissAsync(Actor actor, Guid groupId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task RequestScanAsync(Actor actor, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
