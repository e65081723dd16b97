using System.Collections.Concurrent;

namespace Facturix.Infrastructure.Dashboard.Pieces;

/// <summary>
/// One kind of dashboard piece (docs/decisions/0064), kept in this instance's memory per key with the freshness stamp it
/// was read under. A piece is current while no change to its key came after that stamp and the agency day is the same;
/// otherwise the next reader loads it again. Readers that miss the same keys at the same time share one load (the
/// entry holds the load's task), and a reader missing several keys loads them in one batch: so two hundred dashboards
/// reloading on one call cost one statement per kind of piece that call touched, not one per dashboard.
/// </summary>
internal sealed class PieceStore<TKey, TValue> where TKey : notnull
{
    private sealed record Entry(long Stamp, DateOnly Today, Task<TValue> Value);

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>
    /// The pieces of <paramref name="keys"/>: current ones from memory, the others through one call of
    /// <paramref name="load"/>, which must return a value for every key it is given.
    /// </summary>
    public async Task<IReadOnlyDictionary<TKey, TValue>> GetManyAsync(
        IEnumerable<TKey> keys, DateOnly today, Func<TKey, long> stampOf,
        Func<IReadOnlyList<TKey>, Task<IReadOnlyDictionary<TKey, TValue>>> load)
    {
        var pending = new Dictionary<TKey, Task<TValue>>();
        List<(TKey Key, Entry Entry, TaskCompletionSource<TValue> Source)>? mine = null;
        foreach (var key in keys)
        {
            if (pending.ContainsKey(key)) continue;
            // Read before loading: a change committed during the load leaves the entry under an older stamp than the
            // next reader's, so that reader loads again.
            var stamp = stampOf(key);
            while (true)
            {
                var known = _entries.GetValueOrDefault(key);
                // An entry started under a later stamp than ours is at least as fresh as what we would load.
                if (known is not null && known.Stamp >= stamp && known.Today == today && !known.Value.IsFaulted && !known.Value.IsCanceled)
                {
                    pending[key] = known.Value;
                    break;
                }
                var source = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                var entry = new Entry(stamp, today, source.Task);
                if (known is null ? _entries.TryAdd(key, entry) : _entries.TryUpdate(key, entry, known))
                {
                    (mine ??= []).Add((key, entry, source));
                    pending[key] = source.Task;
                    break;
                }
                // Another reader placed its own load meanwhile: look again.
            }
        }

        if (mine is not null)
        {
            try
            {
                var loaded = await load(mine.ConvertAll(m => m.Key));
                foreach (var (key, _, source) in mine)
                    source.SetResult(loaded[key]);
            }
            catch (Exception error)
            {
                foreach (var (key, entry, source) in mine)
                {
                    // Forget the failed load, so the next reader tries again instead of sharing the failure.
                    _entries.TryRemove(KeyValuePair.Create(key, entry));
                    source.TrySetException(error);
                }
                throw;
            }
        }

        var result = new Dictionary<TKey, TValue>(pending.Count);
        foreach (var (key, value) in pending)
            result[key] = await value;
        return result;
    }

    /// <summary>The single piece of <paramref name="key"/>.</summary>
    public async Task<TValue> GetAsync(TKey key, DateOnly today, long stamp, Func<Task<TValue>> load) =>
        (await GetManyAsync([key], today, _ => stamp, async _ => new Dictionary<TKey, TValue> { [key] = await load() }))[key];

    /// <summary>Drops every piece (tests whose data changes without live events).</summary>
    public void Clear() => _entries.Clear();
}
