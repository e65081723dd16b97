using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Support;

/// <summary>
/// A logger provider that keeps what is logged, so a test can check it. A clean log over a journey:
/// <code>
/// var mark = App.Log.Mark();  ... do things ...  Assert.Empty(App.Log.Since(mark));
/// </code>
/// or what a component logged: <c>Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error &amp;&amp; e.Exception == boom)</c>.
/// </summary>
public sealed class LogRecorder : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message} {Exception?.GetType().Name}";
    }

    private readonly ConcurrentQueue<Entry> _entries = new();
    private int _count;

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyCollection<Entry> Entries => _entries;

    /// <summary>A position in the log, for <see cref="Since"/>.</summary>
    public int Mark() => Volatile.Read(ref _count);

    /// <summary>Every warning or error logged after <paramref name="mark"/>, as "Level Category: message".</summary>
    public IReadOnlyList<string> Since(int mark) =>
        _entries.Skip(mark).Where(e => e.Level >= LogLevel.Warning).Select(e => e.ToString()).ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose() { }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            Interlocked.Increment(ref owner._count);
        }
    }
}
