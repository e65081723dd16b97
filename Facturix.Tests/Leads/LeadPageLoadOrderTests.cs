using Bunit;
using Facturix.App.Leads.Detail;
using LeadPage = Facturix.App.Leads.Detail.LeadPage;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Leads;

/// <summary>
/// The lead page's loads overlap (a live reload, the reload after a save): whichever read ends last, the page shows what
/// the newest one found. A full run once showed the old phone number after a save that had stored the new one.
/// </summary>
public sealed class LeadPageLoadOrderTests : ShellTestContext
{
    private readonly Guid _leadId = Guid.NewGuid();
    private readonly Guid _campaignId = Guid.NewGuid();
    private readonly QueuedLeads _leads;
    private readonly InMemoryLiveEvents _bus;

    public LeadPageLoadOrderTests() : this(new QueuedLeads(), new InMemoryLiveEvents()) { }

    private LeadPageLoadOrderTests(QueuedLeads leads, InMemoryLiveEvents bus) : base(services =>
    {
        services.AddSingleton<ILeadService>(leads);
        services.AddSingleton<ILeadPresence>(new NobodyElse());
        services.AddSingleton<Facturix.Domain.Leads.Board.ILeadBoard>(new LeadBoardMoves());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<ILiveEvents>(bus);
        services.AddScoped<LeadPresenceCircuit>();
    })
    {
        (_leads, _bus) = (leads, bus);
        SignIn(Roles.Admin, email: "admin@facturix.local");
    }

    [Fact]
    public async Task A_live_read_that_ends_after_the_saves_own_reload_does_not_bring_back_the_old_values()
    {
        _leads.Next(Details("Acme", version: 1));
        var page = Render<LeadPage>(p => p.Add(x => x.Id, _leadId));
        page.WaitForAssertion(() => Assert.Equal("Acme", Company(page)));

        // A live reload whose read is slow: it began before the save below committed.
        var slow = _leads.Pending();
        await _bus.RaiseAsync(new LeadUpdated(_leadId, _campaignId));
        page.WaitForAssertion(() => Assert.Equal(2, _leads.Reads));

        // The person saves; the save's own reload reads the new company at once.
        _leads.Next(Details("Acme Group", version: 2));
        page.Find("input[data-testid=lead-field-company]").Input("Acme Group");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal(3, _leads.Reads));
        page.WaitForAssertion(() => Assert.Equal("Acme Group", Company(page)));
        Assert.Equal("Acme Group", Assert.Single(_leads.Saved).Company);

        // The slow read ends last, with the lead as it was before the save.
        var renders = page.RenderCount;
        slow.SetResult(Details("Acme", version: 1));
        page.WaitForState(() => page.RenderCount > renders);

        Assert.Equal("Acme Group", Company(page));
    }

    private static string? Company(IRenderedComponent<LeadPage> page) =>
        page.Find("input[data-testid=lead-field-company]").GetAttribute("value");

    private LeadDetails Details(string company, uint version) => new(
        _leadId, "Camille", "Martin", null, company, null, null, "FR", null,
        LeadStatus.New, null, StatusCategory.New, null, null, null, _campaignId, "Printemps", Guid.NewGuid(), "Client",
        null, version, [], new LeadScore(0, 0, []), Lock: null);

    /// <summary>Each read answers with the next queued result, which the test may complete later.</summary>
    private sealed class QueuedLeads : ILeadService
    {
        private readonly Queue<Task<LeadDetails>> _answers = new();
        public int Reads { get; private set; }
        public List<LeadEditInput> Saved { get; } = [];

        public void Next(LeadDetails details) => _answers.Enqueue(Task.FromResult(details));

        public TaskCompletionSource<LeadDetails> Pending()
        {
            var pending = new TaskCompletionSource<LeadDetails>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answers.Enqueue(pending.Task);
            return pending;
        }

        public Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            Reads++;
            return _answers.Dequeue();
        }

        public Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default) =>
            Task.FromResult(new TimelinePage([], false, null, null));

        public Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default)
        {
            Saved.Add(input);
            return Task.CompletedTask;
        }

        public Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class NobodyElse : ILeadPresence
    {
        public Task JoinAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default) => Task.CompletedTask;
        public Task LeaveAsync(Actor actor, Guid leadId, string circuitId, CancellationToken ct = default) => Task.CompletedTask;
        public Task<IReadOnlyList<LeadViewer>> GetViewersAsync(Actor actor, Guid leadId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<LeadViewer>>([]);
    }
}
