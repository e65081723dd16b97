namespace Facturix.Infrastructure.LiveEvents;

/// <summary>
/// Where the live-event listener stands, and since when (wall-clock UTC: a fact for operators, not business time).
/// </summary>
/// <param name="IsListening">A LISTEN is in place: events committed from now on reach this instance.</param>
/// <param name="Since">When it entered this state.</param>
/// <param name="Description">What it is doing, or why it is not listening (the last error).</param>
public sealed record LiveEventListenerStatus(bool IsListening, DateTimeOffset Since, string Description)
{
    internal static LiveEventListenerStatus NotStarted() => new(false, DateTimeOffset.UtcNow, "not connected yet");
    internal static LiveEventListenerStatus Listening() => new(true, DateTimeOffset.UtcNow, "listening");
    internal static LiveEventListenerStatus Disconnected(Exception error) =>
        new(false, DateTimeOffset.UtcNow, $"reconnecting after: {error.GetType().Name}: {error.Message}");
    internal static LiveEventListenerStatus Stopped() => new(false, DateTimeOffset.UtcNow, "stopped");
}
