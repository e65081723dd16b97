using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;

namespace Facturix.App.Workspace;

/// <summary>
/// Keeps the lease of the lead on screen: renews it at a third of its length (so one missed renewal still leaves time),
/// and reports a lost lease (released, reaped, taken) once. Transient failures are logged and retried at the next tick.
/// The callbacks run off the renderer's dispatcher: the page wraps them in InvokeAsync.
/// </summary>
public sealed class LeaseRenewal(IWorkspaceQueue queue, TimeProvider time, ILogger logger) : IDisposable
{
    private CancellationTokenSource? _running;

    public void Start(Actor actor, WorkspaceLead lead, Func<DateTimeOffset, Task> renewed, Func<Task> lost)
    {
        Stop();
        var every = (lead.LockExpiresAt - time.GetUtcNow()) / 3;
        _running = new CancellationTokenSource();
        _ = RunAsync(actor, lead.Id, every < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : every, renewed, lost, _running.Token);
    }

    public void Stop()
    {
        _running?.Cancel();
        _running = null;
    }

    private async Task RunAsync(Actor actor, Guid leadId, TimeSpan every, Func<DateTimeOffset, Task> renewed, Func<Task> lost,
        CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(every, time);
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    var expires = await queue.RenewAsync(actor, leadId, ct);
                    if (!ct.IsCancellationRequested) await renewed(expires);
                }
                catch (Exception ex) when (ex is ConflictException or NotFoundException or ForbiddenException)
                {
                    logger.LogInformation(ex, "Lease on lead {LeadId} lost", leadId);
                    if (!ct.IsCancellationRequested) await lost();
                    return;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Renewing the lease on lead {LeadId} failed; retrying at the next tick", leadId);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The lead left the screen or the page was left.
        }
    }

    public void Dispose() => Stop();
}
