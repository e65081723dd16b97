using System.Collections.Concurrent;

namespace Facturix.Domain.Import;

/// <summary>
/// Remembers the results of a pure function, shared by the threads of an import, until it holds <c>cap</c> values; past
/// that, new inputs are computed each time and not kept (a file of all-distinct values cannot grow it without limit).
/// The count is kept beside the dictionary because <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every one
/// of its locks (up to 1,024 once the table has grown): asked on each miss of a full cache, it cost more than the
/// functions it saved (issue 15: 65 µs a row at 100,000 rows).
/// </summary>
internal sealed class CappedMemo<TKey, TValue>(int cap, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);
    private int _count;

    public TValue Get<TState>(TKey key, TState state, Func<TKey, TState, TValue> compute)
    {
        if (_values.TryGetValue(key, out var cached)) return cached;
        var value = compute(key, state);
        // Racing threads may each pass the check once: the cap is exceeded by at most the number of threads.
        if (Volatile.Read(ref _count) < cap && _values.TryAdd(key, value)) Interlocked.Increment(ref _count);
        return value;
    }
}
