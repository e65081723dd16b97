using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Leads;

/// <summary>The lead page's presence bar and lock badge (issue 14, "Live"), with the bus and the services played in memory.</summary>
public sealed class LeadPresenceComponentTests : ShellTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly FakePresence _presence;
    private readonly FakeLeads _leads;
    private readonly FakeTimeProvider _clock;
    private readonly InMemoryLiveEvents _bus;
    private readonly Guid _leadId = Guid.NewGuid();
    private readonly Guid _campaignId = Guid.NewGuid();

    public LeadPresenceComponentTests() : this(new FakePresence(), new FakeLeads(), new FakeTimeProvider(Start), new InMemoryLiveEvents()) { }

    private LeadPresenceComponentTests(FakePresence presence, FakeLeads leads, FakeTimeProvider clock, InMemoryLiveEvents bus) : base(services =>
    {
        services.AddSingleton<ILeadPresence>(presence);
        services.AddSingleton<ILeadService>(leads);
        services.AddSingleton<Facturix.Domain.Leads.Board.ILeadBoard>(new LeadBoardMoves());
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILiveEvents>(bus);
        services.AddScoped<LeadPresenceCircuit>();
    })
    {
        (_presence, _leads, _clock, _bus) = (presence, leads, clock, bus);
        SignIn(Roles.BusinessDeveloper, email: "bd1@facturix.local");
    }

    private static LeadViewer Viewer(string email) => new(Guid.NewGuid(), email, email.Split('@')[0]);

    private static LeadLockHolder LockBy(string email, DateTimeOffset until) => new(Guid.NewGuid(), email, "Bd Deux", until);

    private IRenderedComponent<LeadPresenceBar> RenderBar(LeadLockHolder? held = null, Action? leaseElapsed = null) =>
        Render<LeadPresenceBar>(p => p.Add(b => b.LeadId, _leadId).Add(b => b.Lock, held)
            .Add(b => b.LeaseElapsed, EventCallback.Factory.Create(this, leaseElapsed ?? (() => { }))));

    [Fact]
    public void The_bar_joins_once_interactive_and_lists_everyone_who_has_the_lead_open()
    {
        _presence.Viewers = [Viewer("bd1@facturix.local"), Viewer("bd2@facturix.local")];

        var bar = RenderBar();

        bar.WaitForAssertion(() => Assert.Equal(["bd1@facturix.local", "bd2@facturix.local"],
            bar.FindAll("[data-testid=lead-presence]").Select(e => e.GetAttribute("data-user-email"))));
        var join = Assert.Single(_presence.Joins);
        Assert.Equal(_leadId, join.LeadId);
        Assert.Equal(Services.GetRequiredService<LeadPresenceCircuit>().CircuitId, join.CircuitId);
    }

    [Fact]
    public void Nothing_is_joined_while_prerendering()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        RenderBar();

        Assert.Empty(_presence.Joins);
    }

    [Fact]
    public async Task A_presence_change_on_this_lead_refreshes_the_list_and_one_on_another_lead_does_not()
    {
        _presence.Viewers = [Viewer("bd1@facturix.local")];
        var bar = RenderBar();
        bar.WaitForAssertion(() => Assert.Single(bar.FindAll("[data-testid=lead-presence]")));
        var reads = _presence.ViewerReads;

        _presence.Viewers = [Viewer("bd1@facturix.local"), Viewer("manager@facturix.local")];
        await _bus.RaiseAsync(new LeadPresenceChanged(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(reads, _presence.ViewerReads);

        await _bus.RaiseAsync(new LeadPresenceChanged(_leadId, Guid.NewGuid()));
        bar.WaitForAssertion(() => Assert.Contains("manager@facturix.local",
            bar.FindAll("[data-testid=lead-presence]").Select(e => e.GetAttribute("data-user-email"))));
    }

    [Fact]
    public void The_renewal_timer_joins_again_and_rereads_the_viewers()
    {
        var bar = RenderBar();
        bar.WaitForAssertion(() => Assert.Single(_presence.Joins));

        _clock.Advance(LeadPresenceTimes.RenewEvery);

        bar.WaitForAssertion(() => Assert.Equal(2, _presence.Joins.Count));
        Assert.True(LeadPresenceTimes.RenewEvery < LeadPresenceTimes.Ttl / 2, "a missed renewal must not drop anyone");
    }

    [Fact]
    public async Task While_the_connection_is_down_renewals_write_nothing_and_the_reconnect_renews_at_once()
    {
        var bar = RenderBar();
        bar.WaitForAssertion(() => Assert.Single(_presence.Joins));
        var circuit = Services.GetRequiredService<LeadPresenceCircuit>();

        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        var readsBefore = _presence.ViewerReads;
        _clock.Advance(LeadPresenceTimes.RenewEvery);
        await WaitUntilAsync(() => _presence.ViewerReads > readsBefore); // the renewal ran...
        Assert.Single(_presence.Joins); // ...and wrote nothing: the row lapses with the TTL

        await circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(2, _presence.Joins.Count);
        Assert.Equal((_leadId, circuit.CircuitId), _presence.Joins[^1]);
        _clock.Advance(LeadPresenceTimes.RenewEvery);
        bar.WaitForAssertion(() => Assert.Equal(3, _presence.Joins.Count)); // renewals write again
    }

    [Fact]
    public async Task Leaving_the_page_and_closing_the_circuit_both_leave_the_lead()
    {
        var bar = RenderBar();
        bar.WaitForAssertion(() => Assert.Single(_presence.Joins));

        await bar.Instance.DisposeAsync();
        await WaitUntilAsync(() => _presence.Leaves.Count == 1);
        Assert.Equal(_leadId, _presence.Leaves[0].LeadId);

        // The circuit handler leaves whatever is still joined when the circuit closes, and survives a failing leave.
        var circuit = Services.GetRequiredService<LeadPresenceCircuit>();
        var actor = Actor.WithDefaultCapabilities(UserId, "bd1@facturix.local", Roles.BusinessDeveloper);
        var other = Guid.NewGuid();
        await circuit.JoinAsync(actor, other);
        _presence.FailLeaves = true;
        await circuit.OnCircuitClosedAsync(null!, CancellationToken.None);
        Assert.Equal(other, _presence.Leaves[^1].LeadId);
        var joins = _presence.Joins.Count;
        await circuit.JoinAsync(actor, Guid.NewGuid());
        Assert.Equal(joins, _presence.Joins.Count); // a closed circuit joins nothing more
    }

    [Fact]
    public void The_lock_badge_shows_the_holder_and_goes_when_the_lease_runs_out()
    {
        var elapsed = 0;
        var bar = RenderBar(LockBy("bd2@facturix.local", Start.AddMinutes(5)), () => elapsed++);

        Assert.Equal("bd2@facturix.local", bar.Find("[data-testid=lead-lock]").GetAttribute("data-locked-by"));

        _clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(1)));

        bar.WaitForAssertion(() => Assert.Empty(bar.FindAll("[data-testid=lead-lock]")));
        Assert.Equal(1, elapsed);
    }

    [Fact]
    public void An_expired_lease_shows_no_badge()
    {
        var bar = RenderBar(LockBy("bd2@facturix.local", Start.AddSeconds(-1)));

        Assert.Empty(bar.FindAll("[data-testid=lead-lock]"));
    }

    [Fact]
    public async Task On_the_lead_page_the_badge_appears_on_LeadLocked_and_goes_on_LeadUnlocked()
    {
        _leads.Details = Details(null);
        var page = Render<Facturix.App.Leads.Detail.LeadPage>(p => p.Add(x => x.Id, _leadId));
        page.WaitForElement("[data-testid=lead-presence-bar]");
        Assert.Empty(page.FindAll("[data-testid=lead-lock]"));

        _leads.Details = Details(LockBy("bd2@facturix.local", Start.AddMinutes(10)));
        await _bus.RaiseAsync(new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "bd3@facturix.local")); // another lead
        await _bus.RaiseAsync(new LeadLocked(_leadId, Guid.NewGuid(), Guid.NewGuid(), "bd2@facturix.local"));
        page.WaitForAssertion(() => Assert.Equal("bd2@facturix.local",
            page.Find("[data-testid=lead-lock]").GetAttribute("data-locked-by")));

        _clock.Advance(TimeSpan.FromSeconds(1)); // past the live refresh's throttle interval
        _leads.Details = Details(null);
        await _bus.RaiseAsync(new LeadUnlocked(_leadId, Guid.NewGuid()));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=lead-lock]")));
    }

    [Fact]
    public async Task A_bulk_change_in_the_leads_campaign_reloads_the_lead_page_one_in_another_campaign_does_not()
    {
        _leads.Details = Details(null);
        var page = Render<Facturix.App.Leads.Detail.LeadPage>(p => p.Add(x => x.Id, _leadId));
        page.WaitForAssertion(() => Assert.Equal("New", page.Find("[data-testid=lead-status]").GetAttribute("data-status")));
        var reads = _leads.Reads;

        // A bulk status change from the list: one event for the campaign, none per lead.
        _leads.Details = Details(null) with { Status = LeadStatus.Interested, StatusCategory = StatusCategory.InProgress };
        await _bus.RaiseAsync(new LeadsChanged([Guid.NewGuid()]));
        Assert.Equal(reads, _leads.Reads);
        await _bus.RaiseAsync(new LeadsChanged([Guid.NewGuid(), _campaignId]));

        page.WaitForAssertion(() => Assert.Equal("Interested", page.Find("[data-testid=lead-status]").GetAttribute("data-status")));
    }

    private LeadDetails Details(LeadLockHolder? held) => new(
        _leadId, "Camille", "Martin", null, "Acme", null, null, "FR", null,
        LeadStatus.New, null, StatusCategory.New, null, null, null, _campaignId, "Printemps", Guid.NewGuid(), "Client",
        null, 1, [], new LeadScore(0, 0, []), Lock: held);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition()) await Task.Delay(10, limit.Token);
    }

    private sealed class FakePresence : ILeadPresence
    {
        public List<(Guid LeadId, string CircuitId)> Joins { get; } = [];
        public List<(Guid LeadId, string CircuitId)> Leaves { get; } = [];
        public IReadOnlyList<LeadViewer> Viewers { get; set; } = [];
        public int ViewerReads;
        public bool FailLeaves { get; set; }

        public Task JoinAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default)
        {
            lock (Joins) Joins.Add((leadId, circuitId));
            return Task.CompletedTask;
        }

        public Task LeaveAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default)
        {
            lock (Leaves) Leaves.Add((leadId, circuitId));
            return FailLeaves ? Task.FromException(new InvalidOperationException("database down")) : Task.CompletedTask;
        }

        public Task<IReadOnlyList<LeadViewer>> GetViewersAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            Interlocked.Increment(ref ViewerReads);
            return Task.FromResult(Viewers);
        }
    }

    /// <summary>Only what the lead page reads.</summary>
    private sealed class FakeLeads : ILeadService
    {
        public LeadDetails? Details { get; set; }
        public int Reads { get; private set; }

        public Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            Reads++;
            return Task.FromResult(Details!);
        }

        public Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default) =>
            Task.FromResult(new TimelinePage([], false, null, null));

        public Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
