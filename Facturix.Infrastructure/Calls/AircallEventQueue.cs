using System.Threading.Channels;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Calls;

/// <summary>Call ids with events to process, in memory (docs/decisions/0048): the stored rows are the durable part.</summary>
public sealed class AircallEventQueue
{
    private readonly Channel<long> _calls = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(long callId) => _calls.Writer.TryWrite(callId);

    internal ChannelReader<long> Reader => _calls.Reader;
}

/// <summary>
/// Drains <see cref="AircallEventQueue"/> one call at a time. At start it queues every call that still has unprocessed
/// events (a crash or restart between storing and processing loses nothing). A failure is logged and leaves the
/// events unprocessed, to be picked up by the next delivery of that call or the next start.
/// </summary>
internal sealed class AircallEventWorker(
    AircallEventQueue queue, AircallCallProcessor processor, IDbContextFactory<FacturixDb> dbFactory, ILogger<AircallEventWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
            {
                var pending = await db.AircallEvents.Where(e => e.ProcessedAt == null).Select(e => e.CallId).Distinct().ToListAsync(stoppingToken);
                foreach (var callId in pending) queue.Enqueue(callId);
            }
            await foreach (var callId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await processor.ProcessAsync(callId, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Processing Aircall call {CallId} failed; its events stay unprocessed", callId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
