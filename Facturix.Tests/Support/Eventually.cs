namespace Facturix.Tests.Support;

/// <summary>
/// Waits for a condition that nothing signals (a health status, a row in pg_stat_activity) by asking again
/// and again until it holds or the timeout ends. Prefer a signal (an event, a task) when there is one.
/// </summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var started = TimeProvider.System.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var value = await probe();
            if (holds(value)) return value;
            if (TimeProvider.System.GetElapsedTime(started) > limit)
                throw new TimeoutException($"Still not {what} after {limit.TotalSeconds:0.#} s; last seen: {value}");
            // Back off a little between probes; this is a poll, not a wait for time to pass.
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }
}
