using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Support;

/// <summary>
/// Keeps every warning and error the app under test logs, so a journey can assert a clean log:
/// <code>
/// var mark = App.Log.Mark();  ... do things ...  Assert.Empty(App.Log.Since(mark));
/// </code>
/// </summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private int _count;

    public int Mark() => Volatile.Read(ref _count);

    /// <summary>"Level Category: message" of every warning or error logged after <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> Since(int mark) => _entries.Skip(mark).ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose() { }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
            Interlocked.Increment(ref owner._count);
        }
    }
}
