using System.Runtime.CompilerServices;

namespace Facturix.Tests.Support;

/// <summary>
/// Test classes run in parallel and many of them block a pool thread while waiting (bUnit's synchronous WaitFor*,
/// Playwright's sync-over-async setup). On a 2-core machine the pool starts with 2 threads and grows by about one a
/// second, so a bUnit wait could time out before its renderer's dispatcher ever ran its check (seen once in CI).
/// Starting the pool wider removes that starvation; it changes no test's logic.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }
}
