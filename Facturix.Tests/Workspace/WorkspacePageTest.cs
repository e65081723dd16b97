using Bunit;
using Facturix.App.Workspace;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Facturix.Tests.Workspace;

/// <summary>
/// The workspace page rendered with the real shell services (localization, errors, clock, lock tracker, live refresh)
/// over a scripted queue and outcomes: the page test classes share this host, its doubles and the signed-in BD.
/// </summary>
public abstract class WorkspacePageTest : ShellTestContext
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 10, 13, 0, 0, TimeSpan.Zero);
    protected static readonly WorkspaceCampaign Spring = new(Guid.NewGuid(), "Printemps", "Logivia", 12);
    protected static readonly WorkspaceCampaign Autumn = new(Guid.NewGuid(), "Automne", "Acme", 0);

    // Named as they were when the tests and their setup were one class, so the tests read them unchanged.
    private protected readonly ScriptedQueue _queue;
    protected readonly FakeTimeProvider _clock;
    protected readonly InMemoryLiveEvents _live;
    protected readonly IRenderedComponent<MudPopoverProvider> _popovers;
    protected readonly IRenderedComponent<MudDialogProvider> _dialogs;

    private protected readonly RecordingOutcomes _outcomes;
    private protected readonly RecordingNotes _notes;

    protected WorkspacePageTest() : this(new ScriptedQueue(), new FakeTimeProvider(Start), new InMemoryLiveEvents(), new RecordingOutcomes(), new RecordingNotes()) { }

    private WorkspacePageTest(ScriptedQueue queue, FakeTimeProvider clock, InMemoryLiveEvents live, RecordingOutcomes outcomes, RecordingNotes notes) : base(services =>
    {
        services.AddSingleton<ILeadService>(notes);
        services.AddSingleton<IWorkspaceQueue>(queue);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILiveEvents>(live);
        services.AddSingleton<Facturix.Domain.Calls.ICallService>(new Calls.ScriptedCallService()); // no Aircall link: a tel: link
        services.AddSingleton<IWorkspaceOutcomes>(outcomes);
        services.AddSingleton<IWorkspaceContext>(new EmptyContext());
        services.AddFacturixWorkspace();
    })
    {
        (_queue, _clock, _live, _outcomes, _notes) = (queue, clock, live, outcomes, notes);
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local");
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    protected WorkspaceLead Lead(string name = "Camille Martin", Guid? campaignId = null) => new(
        Guid.NewGuid(), campaignId ?? Spring.Id, Guid.NewGuid(), name, "Acme", "Directrice générale", "+33612345678",
        "camille@acme.fr", "FR", "Nouveau", LeadStatus.New, 42, 2, Start.AddDays(-3), null, _clock.GetUtcNow().AddMinutes(15),
        "Europe/Paris", 1);

    protected IRenderedComponent<WorkspacePage> RenderPage(Guid? campaign = null)
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo(campaign is null ? "/workspace" : $"/workspace?campaign={campaign}");
        return Render<WorkspacePage>();
    }

    /// <summary>A queue that answers what the test scripted and records what the page asked.</summary>
    private protected sealed class ScriptedQueue : IWorkspaceQueue
    {
        public IReadOnlyList<WorkspaceCampaign> Campaigns { get; set; } = [Spring, Autumn];
        public Queue<QueueResult> Next { get; } = new();
        public List<Guid> GetNextCampaigns { get; } = [];
        public int GetNextCalls => GetNextCampaigns.Count;
        public int CampaignLoads { get; private set; }
        public List<Guid> Renewed { get; } = [];
        public List<Guid> Released { get; } = [];
        public List<(Guid, string)> Skipped { get; } = [];
        public bool RenewFails { get; set; }
        public TimeProvider Clock { get; set; } = TimeProvider.System;

        /// <summary>When set, the next campaign read answers the list as it is now, but only once this completes.</summary>
        public TaskCompletionSource? HoldNextCampaigns { get; set; }

        public async Task<IReadOnlyList<WorkspaceCampaign>> GetCampaignsAsync(Actor actor, CancellationToken ct = default)
        {
            CampaignLoads++;
            var campaigns = Campaigns;
            if (HoldNextCampaigns is { } hold)
            {
                HoldNextCampaigns = null;
                await hold.Task;
            }
            return campaigns;
        }

        public Task<QueueResult> GetNextAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
        {
            GetNextCampaigns.Add(campaignId);
            return Task.FromResult(Next.TryDequeue(out var result) ? result : QueueResult.Nothing(QueueEmptyReason.Empty, null));
        }

        public Task<DateTimeOffset> RenewAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            if (RenewFails) throw new ConflictException(ErrorCodes.Concurrency, "lease lost");
            Renewed.Add(leadId);
            return Task.FromResult(Start.AddMinutes(5 + 15));
        }

        public Task ReleaseAsync(Actor actor, Guid leadId, CancellationToken ct = default)
        {
            Released.Add(leadId);
            return Task.CompletedTask;
        }

        public Task SkipAsync(Actor actor, Guid leadId, string reason, CancellationToken ct = default)
        {
            Skipped.Add((leadId, reason));
            return Task.CompletedTask;
        }
    }

    /// <summary>One outcome on digit 1 that needs nothing more; records what it is given.</summary>
    private protected sealed class RecordingOutcomes : IWorkspaceOutcomes
    {
        public List<OutcomeInput> Recorded { get; } = [];
        /// <summary>The call ids answered, in order (an amended call keeps its id, as the service does).</summary>
        public List<Guid> Calls { get; } = [];

        public Task<IReadOnlyList<WorkspaceOutcome>> GetOutcomesAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<WorkspaceOutcome>>([new WorkspaceOutcome(Guid.NewGuid(), "no-answer", "Pas de réponse", 1, false, false, 60)]);

        public Task<OutcomeRecorded> RecordAsync(Actor actor, OutcomeInput input, CancellationToken ct = default)
        {
            Recorded.Add(input);
            Calls.Add(input.Amends ?? Guid.NewGuid());
            // What the service answers for the test leads (two attempts before this call, score 42): the card shows it.
            return Task.FromResult(new OutcomeRecorded(Calls[^1], input.LeadId, LeadStatus.Contacted, null, input.Release)
            {
                CallAttempts = 3, Score = 42, LastContactedAt = Start.AddDays(-3),
            });
        }
    }

    /// <summary>The lead service as the page uses it: a note typed after the outcome (saved by Finish), the card's re-read.</summary>
    private protected sealed class RecordingNotes : ILeadService
    {
        public List<(Guid LeadId, string Text)> Notes { get; } = [];
        /// <summary>What the lead page's read answers (the card's refresh after someone else changed the lead).</summary>
        public LeadDetails? Details { get; set; }

        public Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default)
        {
            Notes.Add((leadId, text));
            return Task.FromResult(Guid.NewGuid());
        }

        public Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default) =>
            Details?.Id == leadId ? Task.FromResult(Details) : throw new NotFoundException("lead", leadId);
        public Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default) => throw new NotSupportedException();
        public Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private protected sealed class EmptyContext : IWorkspaceContext
    {
        public Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default) => Task.FromResult(new WorkspaceScript("", []));
        public Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default) => Task.FromResult(new WorkspaceLeadContext([], []));
    }
}
