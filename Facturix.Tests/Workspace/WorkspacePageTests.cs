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
/// The workspace page's own logic, rendered with the real shell services (localization, errors, clock, lock tracker,
/// live refresh) over a scripted queue: what it shows, when it locks (never on render unless the circuit holds a lead),
/// the lease, skip and finish.
/// </summary>
public sealed class WorkspacePageTests : ShellTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 13, 0, 0, TimeSpan.Zero);
    private static readonly WorkspaceCampaign Spring = new(Guid.NewGuid(), "Printemps", "Logivia", 12);
    private static readonly WorkspaceCampaign Autumn = new(Guid.NewGuid(), "Automne", "Acme", 0);

    private readonly ScriptedQueue _queue;
    private readonly FakeTimeProvider _clock;
    private readonly InMemoryLiveEvents _live;
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;
    private readonly IRenderedComponent<MudDialogProvider> _dialogs;

    private readonly RecordingOutcomes _outcomes;

    public WorkspacePageTests() : this(new ScriptedQueue(), new FakeTimeProvider(Start), new InMemoryLiveEvents(), new RecordingOutcomes()) { }

    private WorkspacePageTests(ScriptedQueue queue, FakeTimeProvider clock, InMemoryLiveEvents live, RecordingOutcomes outcomes) : base(services =>
    {
        services.AddSingleton<IWorkspaceQueue>(queue);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILiveEvents>(live);
        services.AddSingleton<Facturix.Domain.Calls.ICallService>(new Calls.ScriptedCallService()); // no Aircall link: a tel: link
        services.AddSingleton<IWorkspaceOutcomes>(outcomes);
        services.AddSingleton<IWorkspaceContext>(new EmptyContext());
        services.AddFacturixWorkspace();
    })
    {
        (_queue, _clock, _live, _outcomes) = (queue, clock, live, outcomes);
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local");
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
    }

    private WorkspaceLead Lead(string name = "Camille Martin", Guid? campaignId = null) => new(
        Guid.NewGuid(), campaignId ?? Spring.Id, Guid.NewGuid(), name, "Acme", "Directrice générale", "+33612345678",
        "camille@acme.fr", "FR", "Nouveau", LeadStatus.New, 42, 2, Start.AddDays(-3), null, _clock.GetUtcNow().AddMinutes(15),
        "Europe/Paris", 1);

    private IRenderedComponent<WorkspacePage> RenderPage(Guid? campaign = null)
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo(campaign is null ? "/workspace" : $"/workspace?campaign={campaign}");
        return Render<WorkspacePage>();
    }

    [Fact]
    public void The_campaign_in_the_address_is_preselected_and_nothing_is_locked_until_asked()
    {
        var page = RenderPage(Spring.Id);

        page.WaitForAssertion(() => Assert.Equal(Spring.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        Assert.Equal("Printemps · Logivia (12 appelables)", page.Find("[data-testid=campaign-select]").GetAttribute("value"));
        Assert.Equal(0, _queue.GetNextCalls);
        Assert.Empty(page.FindAll("[data-testid=current-lead]"));
        // The choice is remembered for this user.
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem"
            && Equals(i.Arguments[0], $"fx.workspace.campaign.{UserId}") && Equals(i.Arguments[1], Spring.Id.ToString()));
    }

    [Fact]
    public void Without_an_address_the_last_choice_comes_back_from_the_browser_and_the_selector_lists_callable_counts()
    {
        JSInterop.Setup<string?>("localStorage.getItem", $"fx.workspace.campaign.{UserId}").SetResult(Autumn.Id.ToString());

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(Autumn.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        page.Find(".fx-workspace-campaign .mud-input-control").MouseDown();
        var options = _popovers.WaitForElements("[data-testid=campaign-option]");
        Assert.Equal([(Spring.Id.ToString(), "12"), (Autumn.Id.ToString(), "0")],
            options.Select(o => (o.GetAttribute("data-campaign-id")!, o.GetAttribute("data-callable")!)));
        Assert.Equal(0, _queue.GetNextCalls);
    }

    [Fact]
    public void Get_next_shows_the_lead_card_with_its_hooks_and_the_lease()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);

        page.WaitForElement("[data-testid=get-next]").Click();

        var card = page.WaitForElement("[data-testid=current-lead]");
        Assert.Equal(lead.Id.ToString(), card.GetAttribute("data-lead-id"));
        Assert.Equal("Camille Martin", card.QuerySelector("[data-testid=lead-name]")!.TextContent.Trim());
        Assert.Equal("Acme", card.QuerySelector("[data-testid=lead-company]")!.TextContent.Trim());
        Assert.Equal("+33612345678", card.QuerySelector("[data-testid=lead-phone]")!.TextContent.Trim());
        Assert.Equal("camille@acme.fr", card.QuerySelector("[data-testid=lead-email]")!.TextContent.Trim());
        Assert.Equal("Nouveau", card.QuerySelector("[data-testid=lead-status]")!.TextContent.Trim());
        Assert.Equal("2", card.QuerySelector("[data-testid=lead-attempts]")!.TextContent.Trim());
        var lease = card.QuerySelector("[data-testid=lease-remaining]")!;
        Assert.Equal("900", lease.GetAttribute("data-seconds"));
        Assert.Contains("15:00", lease.TextContent);
        Assert.Equal(lead.Id, Services.GetRequiredService<WorkspaceLockTracker>().HeldIn(Spring.Id));
        Assert.Equal([Spring.Id], _queue.GetNextCampaigns);
        Assert.Empty(page.FindAll("[data-testid=get-next]")); // Finish & Next takes over while a lead is on screen
    }

    [Theory]
    [InlineData(QueueEmptyReason.Empty, "empty", "Aucun lead à appeler dans cette campagne")]
    [InlineData(QueueEmptyReason.OutsideHours, "outside-hours", "Hors des heures d'appel des leads restants")]
    [InlineData(QueueEmptyReason.AllLocked, "all-locked", "Tous les leads appelables sont en cours de traitement")]
    [InlineData(QueueEmptyReason.CapsReached, "caps-reached", "Les leads restants ont atteint leur nombre maximal de tentatives")]
    public void An_empty_queue_says_why_and_when_the_next_lead_is_callable_in_the_users_zone(QueueEmptyReason reason, string hook, string text)
    {
        var nextAt = new DateTimeOffset(2026, 3, 11, 7, 30, 0, TimeSpan.Zero); // 08:30 in Paris
        _queue.Next.Enqueue(QueueResult.Nothing(reason, nextAt));
        var page = RenderPage(Spring.Id);

        page.WaitForElement("[data-testid=get-next]").Click();

        var empty = page.WaitForElement("[data-testid=queue-empty]");
        Assert.Equal(hook, empty.GetAttribute("data-reason"));
        Assert.Equal(nextAt, DateTimeOffset.Parse(empty.GetAttribute("data-next-at")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(text, empty.TextContent);
        Assert.Contains("Prochain lead appelable : 11/03/2026 08:30", empty.TextContent);
        Assert.Empty(page.FindAll("[data-testid=current-lead]"));
    }

    [Fact]
    public void The_lease_is_renewed_at_a_third_of_its_length_and_a_lost_lease_clears_the_card()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=current-lead]");

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(_queue.Renewed);
        _clock.Advance(TimeSpan.FromMinutes(1));
        page.WaitForAssertion(() => Assert.Equal([lead.Id], _queue.Renewed));
        page.WaitForAssertion(() => Assert.Equal("900", page.Find("[data-testid=lease-remaining]").GetAttribute("data-seconds")));

        _queue.RenewFails = true;
        _clock.Advance(TimeSpan.FromMinutes(5));

        page.WaitForElement("[data-testid=lease-lost]");
        Assert.Empty(page.FindAll("[data-testid=current-lead]"));
        Assert.Null(Services.GetRequiredService<WorkspaceLockTracker>().HeldLeadId);
    }

    [Fact]
    public void Skip_asks_a_reason_then_skips_and_takes_the_next_lead()
    {
        var first = Lead("Camille Martin");
        var second = Lead("Hugo Bernard");
        _queue.Next.Enqueue(QueueResult.Locked(first));
        _queue.Next.Enqueue(QueueResult.Locked(second));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();

        page.WaitForElement("[data-testid=skip-lead]").Click();
        _dialogs.WaitForElement("[data-testid=skip-dialog]");
        _dialogs.WaitForElement("[data-testid=skip-reason]").Input("Mauvais numéro");
        _dialogs.WaitForElement("[data-testid=skip-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(second.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal([(first.Id, "Mauvais numéro")], _queue.Skipped);
        Assert.Equal(second.Id, Services.GetRequiredService<WorkspaceLockTracker>().HeldIn(Spring.Id));
    }

    [Fact]
    public void A_lead_this_circuit_already_holds_comes_back_on_load_without_a_click()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        Services.GetRequiredService<WorkspaceLockTracker>().Hold(Actor.WithDefaultCapabilities(UserId, "bd1@facturix.local", Roles.BusinessDeveloper), lead.Id, Spring.Id);

        var page = RenderPage(Spring.Id);

        page.WaitForAssertion(() => Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal(1, _queue.GetNextCalls);
    }

    [Fact]
    public void Queue_counts_follow_lock_events_of_the_listed_campaigns_only()
    {
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=campaign-select]");
        var loads = _queue.CampaignLoads;

        _live.RaiseAsync(new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "bd2@facturix.local"));
        Assert.Equal(loads, _queue.CampaignLoads);

        _queue.Campaigns = [Spring with { CallableNow = 11 }, Autumn];
        _live.RaiseAsync(new LeadLocked(Guid.NewGuid(), Spring.Id, Guid.NewGuid(), "bd2@facturix.local"));

        page.WaitForAssertion(() => Assert.Equal("Printemps · Logivia (11 appelables)", page.Find("[data-testid=campaign-select]").GetAttribute("value")));
    }

    [Fact]
    public void Finish_without_an_outcome_asks_for_one_and_keeps_the_lead()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();

        page.WaitForElement("[data-testid=finish-next]").Click();

        page.WaitForElement("[data-testid=finish-needs-outcome]");
        Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id"));
        Assert.Empty(_queue.Released);
        Assert.Equal(1, _queue.GetNextCalls);
    }

    [Fact]
    public void An_outcome_then_finish_releases_the_lead_and_takes_the_next()
    {
        var first = Lead("Camille Martin");
        var second = Lead("Hugo Bernard");
        _queue.Next.Enqueue(QueueResult.Locked(first));
        _queue.Next.Enqueue(QueueResult.Locked(second));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();

        var contactBefore = page.WaitForElement("[data-testid=lead-last-contact]").TextContent.Trim();
        page.WaitForElement("[data-testid=outcome-no-answer]").Click();
        page.WaitForElement("[data-testid=outcome-recorded]");
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=lead-attempts]").TextContent.Trim()));
        // A no-answer is not a contact: the card keeps the last real one (it used to show "now").
        Assert.Equal(contactBefore, page.Find("[data-testid=lead-last-contact]").TextContent.Trim());
        page.Find("[data-testid=finish-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(second.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal([first.Id], _outcomes.Recorded.Select(r => r.LeadId));
        Assert.Equal([first.Id], _queue.Released); // recorded without release, so Finish released it
        Assert.Equal(second.Id, Services.GetRequiredService<WorkspaceLockTracker>().HeldIn(Spring.Id));
    }

    /// <summary>A queue that answers what the test scripted and records what the page asked.</summary>
    private sealed class ScriptedQueue : IWorkspaceQueue
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

        public Task<IReadOnlyList<WorkspaceCampaign>> GetCampaignsAsync(Actor actor, CancellationToken ct = default)
        {
            CampaignLoads++;
            return Task.FromResult(Campaigns);
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
    private sealed class RecordingOutcomes : IWorkspaceOutcomes
    {
        public List<OutcomeInput> Recorded { get; } = [];

        public Task<IReadOnlyList<WorkspaceOutcome>> GetOutcomesAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<WorkspaceOutcome>>([new WorkspaceOutcome(Guid.NewGuid(), "no-answer", "Pas de réponse", 1, false, false, 60)]);

        public Task<OutcomeRecorded> RecordAsync(Actor actor, OutcomeInput input, CancellationToken ct = default)
        {
            Recorded.Add(input);
            // What the service answers for the test leads (two attempts before this call, score 42): the card shows it.
            return Task.FromResult(new OutcomeRecorded(Guid.NewGuid(), input.LeadId, LeadStatus.Contacted, null, input.Release)
            {
                CallAttempts = 3, Score = 42, LastContactedAt = Start.AddDays(-3),
            });
        }
    }

    private sealed class EmptyContext : IWorkspaceContext
    {
        public Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default) => Task.FromResult(new WorkspaceScript("", []));
        public Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default) => Task.FromResult(new WorkspaceLeadContext([], []));
    }
}
