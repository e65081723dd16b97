using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.LiveEvents;
using Npgsql;

namespace Facturix.Tests.Support;

/// <summary>
/// Records every live event a bus delivers, so a test waits for the one it expects, or proves one never came,
/// without sleeping:
/// <code>
/// await using var events = await Fixture.RecordEventsAsync();
/// await Get&lt;ILeadService&gt;().AddNoteAsync(bd, lead.Id, "Rappeler lundi");
/// var updated = await events.WaitForAsync&lt;LeadUpdated&gt;(e =&gt; e.LeadId == lead.Id);
/// await events.AssertNoneAsync&lt;LeadLocked&gt;();
/// </code>
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<LiveEvent> _received = [];
    private readonly HashSet<Guid> _markers = [];
    private readonly Func<LiveEvent[], Task> _publish;
    private readonly IDisposable _subscription;
    private TaskCompletionSource _nextEvent = NewSignal();

    /// <param name="bus">The bus to record.</param>
    /// <param name="publish">Commits events the bus will receive: how <see cref="SettleAsync"/> sends its marker.</param>
    public EventRecorder(ILiveEvents bus, Func<LiveEvent[], Task> publish)
    {
        _publish = publish;
        _subscription = bus.Subscribe<LiveEvent>(Record);
    }

    /// <summary>
    /// A publisher for a recorder on a database the fixture does not own: commits events with raw Npgsql,
    /// so it also works on a database without the schema.
    /// </summary>
    public static Func<LiveEvent[], Task> PublisherTo(string connectionString) => async events =>
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await LiveEventPublisher.PublishAsync(connection, tx, events);
        await tx.CommitAsync();
    };

    /// <summary>What arrived so far, in order (settle markers left out).</summary>
    public IReadOnlyList<LiveEvent> Received
    {
        get
        {
            lock (_gate) return _received.Where(e => !IsMarker(e)).ToList();
        }
    }

    /// <summary>
    /// The first <typeparamref name="TEvent"/> received (already, or within <paramref name="timeout"/>, 10 s by
    /// default) that matches <paramref name="predicate"/>; fails listing what did arrive otherwise.
    /// </summary>
    public async Task<TEvent> WaitForAsync<TEvent>(Func<TEvent, bool>? predicate = null, TimeSpan? timeout = null)
        where TEvent : LiveEvent
    {
        var limit = timeout ?? DefaultTimeout;
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                var match = _received.OfType<TEvent>().FirstOrDefault(e => !IsMarker(e) && (predicate?.Invoke(e) ?? true));
                if (match is not null) return match;
                next = _nextEvent.Task;
            }
            try
            {
                await next.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No matching {typeof(TEvent).Name} within {limit.TotalSeconds:0.#} s. Received: {Describe(Received)}");
            }
        }
    }

    /// <summary>
    /// Returns once everything committed before the call has been delivered here: commits a marker event and
    /// waits for it, since one subscriber receives events in commit order.
    /// </summary>
    public async Task SettleAsync(TimeSpan? timeout = null)
    {
        var marker = Guid.NewGuid();
        lock (_gate) _markers.Add(marker);
        await _publish([new TaskChanged(marker, Guid.Empty)]);
        try
        {
            await WaitForMarkerAsync(marker, timeout ?? DefaultTimeout);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The settle marker did not come back. Received: {Describe(Received)}");
        }
    }

    /// <summary>Fails if a <typeparamref name="TEvent"/> matching <paramref name="predicate"/> was delivered by the time everything committed so far has arrived.</summary>
    public async Task AssertNoneAsync<TEvent>(Func<TEvent, bool>? predicate = null) where TEvent : LiveEvent
    {
        await SettleAsync();
        var unexpected = Received.OfType<TEvent>().Where(e => predicate?.Invoke(e) ?? true).ToList();
        Assert.True(unexpected.Count == 0, $"Expected no such {typeof(TEvent).Name}, received: {Describe(unexpected)}");
    }

    private async Task WaitForMarkerAsync(Guid marker, TimeSpan limit)
    {
        using var expiry = new CancellationTokenSource(limit);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_received.Any(e => e is TaskChanged t && t.TaskId == marker)) return;
                next = _nextEvent.Task;
            }
            await next.WaitAsync(expiry.Token);
        }
    }

    private Task Record(LiveEvent liveEvent)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _received.Add(liveEvent);
            signal = _nextEvent;
            _nextEvent = NewSignal();
        }
        signal.SetResult();
        return Task.CompletedTask;
    }

    // Callers hold _gate.
    private bool IsMarker(LiveEvent liveEvent) => liveEvent is TaskChanged t && _markers.Contains(t.TaskId);

    private static string Describe<T>(IEnumerable<T> events)
    {
        var list = events.Select(e => e?.ToString()).ToList();
        return list.Count == 0 ? "nothing" : string.Join(", ", list);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        return ValueTask.CompletedTask;
    }
}
