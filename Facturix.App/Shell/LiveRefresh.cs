using Facturix.Domain.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Facturix.App.Shell;

/// <summary>
/// The one piece of live-page plumbing (architecture.md, "Live pages"): reloads its parent when a relevant live event
/// arrives. It renders nothing. Put it once, unconditionally, at the top of the page; the page keeps loading its data
/// in <c>OnInitializedAsync</c> and hands the same method over:
/// <code>
/// &lt;LiveRefresh When="IsRelevant" OnRefresh="LoadAsync" /&gt;
///
/// private bool IsRelevant(LiveEvent e) => e switch
/// {
///     LeadUpdated u => _actor.Scope.CoversCampaign(u.CampaignId),
///     _ => false,
/// };
///
/// private async Task LoadAsync(CancellationToken ct) { _rows = await Leads.ListAsync(_actor, ct); }
/// </code>
/// What it guarantees, so pages never hand-write it again:
/// <list type="bullet">
/// <item>It subscribes only after the first interactive render: never while prerendering or rendering statically.
/// The page loaded before that, so the events received since this component was created (with the page's first
/// render, as its load began) and <see cref="LoadMargin"/> before are replayed: a change committed while the page
/// loaded reloads it once instead of being missed.</item>
/// <item><see cref="When"/> filters events (it runs on the bus's thread: keep it a pure read of the page's fields). The
/// replay runs it at subscription, so a filter on rows the page has not loaded yet must let events through until they
/// are (the leads list's <c>ShownLeadIds</c>).
/// <see cref="LiveEventsResynced"/> always reloads (events may have been missed), and so does a new cascaded
/// authentication state: <see cref="ActorAccessor"/> announces one once it has re-resolved the viewer's access, so the
/// reload reads the new actor (an <see cref="AccessChanged"/> event may reach the page before that).</item>
/// <item>Bursts are throttled to at most one reload per <see cref="Interval"/>: the first event after a quiet
/// period reloads at once, the ones that follow within the interval collapse into one trailing reload.</item>
/// <item>Reloads run one at a time on the renderer's dispatcher, so <see cref="OnRefresh"/> may set the page's
/// fields; being an <see cref="EventCallback"/>, the parent re-renders when it completes. They do not wait for the
/// page's own loads: the replay's reload starts while the first load may still run, and either may end last. A load
/// that writes what the page shows therefore keeps only its newest answer (<see cref="NewestLoad"/>, decision 0106).</item>
/// <item><see cref="OnRefresh"/> gets a token cancelled when the component is disposed (the page was left); disposal
/// also unsubscribes and drops a pending reload.</item>
/// <item>A reload that throws is logged and the component carries on: it never takes the circuit down. Pages still
/// catch their own errors to show a message.</item>
/// </list>
/// </summary>
public sealed class LiveRefresh : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private Task<AuthenticationState>? _authenticationState;
    private bool _accessReResolved;
    private bool _reloadRequested;
    private bool _pumping;
    private long? _lastReloadStartedAt;
    private long _createdAt;

    /// <summary>
    /// How far before this component's creation the replay reaches: a page's first query may start just before its
    /// first render creates this component, and a notification arrives a moment after its commit.
    /// </summary>
    public static readonly TimeSpan LoadMargin = TimeSpan.FromSeconds(2);

    [Inject] private ILiveEvents LiveEvents { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<LiveRefresh> Logger { get; set; } = default!;

    /// <summary>Which events concern the page (typically: inside the actor's scope). <see cref="LiveEventsResynced"/> never reaches it.</summary>
    [Parameter, EditorRequired] public Func<LiveEvent, bool> When { get; set; } = _ => false;

    /// <summary>Reloads what the page shows; the token is cancelled when the page is left.</summary>
    [Parameter, EditorRequired] public EventCallback<CancellationToken> OnRefresh { get; set; }

    /// <summary>The shortest time between the starts of two reloads.</summary>
    [Parameter] public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override void OnInitialized() => _createdAt = Time.GetTimestamp();

    protected override void OnParametersSet()
    {
        // The first value is the state the page loaded with; a new one means the viewer's access was re-resolved.
        if (_authenticationState is not null && !ReferenceEquals(_authenticationState, AuthenticationState))
            _accessReResolved = true;
        _authenticationState = AuthenticationState;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // OnAfterRender never runs while prerendering; the RendererInfo check also keeps static rendering out.
        if (!RendererInfo.IsInteractive || _disposed.IsCancellationRequested) return;
        if (firstRender)
        {
            _subscription = LiveEvents.Subscribe<LiveEvent>(OnLiveEventAsync, Time.GetElapsedTime(_createdAt) + LoadMargin);
        }
        else if (_accessReResolved)
        {
            // Here rather than in OnParametersSet: the reload then starts after the render batch, not in its middle.
            _accessReResolved = false;
            RequestReload();
        }
    }

    private Task OnLiveEventAsync(LiveEvent liveEvent)
    {
        try
        {
            if (liveEvent is LiveEventsResynced || When(liveEvent))
                RequestReload();
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "The live-refresh filter failed on {Event}", liveEvent);
        }
        return Task.CompletedTask;
    }

    /// <summary>Marks a reload as wanted and starts the pump unless it already runs (it will pick the request up).</summary>
    private void RequestReload()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _reloadRequested = true;
            if (_pumping) return;
            _pumping = true;
        }
        _ = PumpAsync(_disposed.Token);
    }

    /// <summary>The only place reloads start, so they never overlap; it ends when no request is left.</summary>
    private async Task PumpAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (!_reloadRequested || ct.IsCancellationRequested)
                    {
                        _pumping = false;
                        return;
                    }
                }

                // Leading edge: after a quiet period there is nothing to wait for. Otherwise wait out the interval;
                // every event arriving meanwhile is served by the one reload below.
                if (_lastReloadStartedAt is { } last)
                {
                    var remaining = Interval - Time.GetElapsedTime(last);
                    if (remaining > TimeSpan.Zero)
                        await Task.Delay(remaining, Time, ct);
                }

                lock (_gate) _reloadRequested = false;
                _lastReloadStartedAt = Time.GetTimestamp();
                await ReloadAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed while waiting: the page is gone, so is the pending reload.
        }
        catch (Exception ex)
        {
            // Never expected (ReloadAsync logs its own failures), but a dead pump would silently stop the page's updates.
            Logger.LogError(ex, "The live-refresh pump stopped");
            lock (_gate) _pumping = false;
        }
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        try
        {
            // On the dispatcher: the page's fields change there, and the EventCallback re-renders the page afterwards.
            await InvokeAsync(() => OnRefresh.InvokeAsync(ct));
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The page was left mid-reload (cancelled query, or a renderer already shut down): nothing to show.
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "A live refresh failed; the page keeps what it shows and the next event retries");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
        }
        _subscription?.Dispose();
        // The CancellationTokenSource is not disposed: a reload still running holds its token, and without a timer
        // or linked tokens it owns nothing to release.
    }
}
