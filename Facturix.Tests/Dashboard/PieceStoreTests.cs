using Facturix.Infrastructure.Dashboard.Pieces;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The dashboard's piece store (docs/decisions/0064): readers that miss together share one load, a piece is loaded
/// again only when its stamp moved or the day changed, a batch of misses is one load, and a failed load is not kept.
/// </summary>
public sealed class PieceStoreTests
{
    private static readonly DateOnly Today = new(2027, 3, 30);

    [Fact]
    public async Task Readers_missing_the_same_keys_at_once_share_one_load_in_one_batch()
    {
        var store = new PieceStore<int, string>();
        var loads = new List<IReadOnlyList<int>>();
        var gate = new TaskCompletionSource();
        async Task<IReadOnlyDictionary<int, string>> Load(IReadOnlyList<int> keys)
        {
            lock (loads) loads.Add(keys);
            await gate.Task;
            return keys.ToDictionary(k => k, k => $"piece {k}");
        }

        var readers = Enumerable.Range(0, 20).Select(_ => store.GetManyAsync([1, 2, 3], Today, _ => 7, Load)).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(readers);

        Assert.Equal([[1, 2, 3]], loads);
        Assert.All(results, r => Assert.Equal("piece 2", r[2]));
    }

    [Fact]
    public async Task Only_the_keys_whose_stamp_moved_are_loaded_again_and_a_new_day_reloads_all()
    {
        var store = new PieceStore<int, int>();
        var stamps = new Dictionary<int, long> { [1] = 1, [2] = 1, [3] = 1 };
        var loaded = new List<int>();
        Task<IReadOnlyDictionary<int, int>> Load(IReadOnlyList<int> keys)
        {
            loaded.AddRange(keys);
            return Task.FromResult<IReadOnlyDictionary<int, int>>(keys.ToDictionary(k => k, k => (int)stamps[k]));
        }

        await store.GetManyAsync([1, 2, 3], Today, k => stamps[k], Load);
        stamps[2] = 5;
        var second = await store.GetManyAsync([1, 2, 3], Today, k => stamps[k], Load);
        Assert.Equal([1, 2, 3, 2], loaded);
        Assert.Equal(5, second[2]);

        // A reader that read an older stamp takes the fresher entry instead of loading backwards.
        await store.GetManyAsync([2], Today, _ => 4, Load);
        Assert.Equal(4, loaded.Count);

        await store.GetManyAsync([1, 3], Today.AddDays(1), k => stamps[k], Load);
        Assert.Equal([1, 2, 3, 2, 1, 3], loaded);
    }

    [Fact]
    public async Task A_failed_load_reaches_its_readers_and_the_next_reader_loads_again()
    {
        var store = new PieceStore<string, string>();
        var attempts = 0;
        Task<IReadOnlyDictionary<string, string>> Load(IReadOnlyList<string> keys) =>
            ++attempts == 1
                ? throw new InvalidOperationException("database down")
                : Task.FromResult<IReadOnlyDictionary<string, string>>(keys.ToDictionary(k => k, k => k + "!"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetManyAsync(["a"], Today, _ => 1, Load));
        var again = await store.GetManyAsync(["a"], Today, _ => 1, Load);

        Assert.Equal("a!", again["a"]);
        Assert.Equal(2, attempts);
    }
}
