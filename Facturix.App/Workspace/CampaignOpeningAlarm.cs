using Facturix.Domain.Workspace;

namespace Facturix.App.Workspace;

/// <summary>
/// Reloads the workspace's campaigns when the first closed one opens: the count said "0 appelable · ouvre à 09:00" and,
/// with no lead changing at nine, nothing else would have told the page that its queues had filled. One timer, replaced
/// at every load; the callback runs off the renderer's dispatcher (the page wraps it in InvokeAsync).
/// </summary>
public sealed class CampaignOpeningAlarm(TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>The count is read a moment after the opening, so the queue's "now" is inside the window.</summary>
    public static readonly TimeSpan AfterOpening = TimeSpan.FromSeconds(1);

    private ITimer? _timer;

    /// <summary>Arms the alarm for the earliest opening among <paramref name="campaigns"/> with nothing callable, if any.</summary>
    public void Arm(IEnumerable<WorkspaceCampaign> campaigns, Func<Task> reload)
    {
        _timer?.Dispose();
        _timer = null;
        var first = campaigns.Where(c => c.CallableNow == 0).Min(c => c.OpensAt);
        if (first is not { } opens) return;
        var due = opens - time.GetUtcNow() + AfterOpening;
        _timer = time.CreateTimer(_ => _ = RingAsync(reload), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private async Task RingAsync(Func<Task> reload)
    {
        try
        {
            await reload();
        }
        catch (Exception ex)
        {
            // A timer callback has no one to throw to: the page's next live event or visit reloads the counts anyway.
            logger.LogWarning(ex, "Reloading the workspace's campaigns at their opening failed");
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
