using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// Stops the embedded <see cref="LocalPostgresCluster"/> when the app stops. Hosted services stop in reverse
/// order of registration, so registered before the others (as
/// <see cref="EmbeddedPostgresSetup.StartEmbeddedPostgresIfNeededAsync"/> does when called early), it
/// stops last, after everything that still talks to the database.
/// </summary>
public sealed class EmbeddedPostgresHostedService : IHostedService
{
    private readonly LocalPostgresCluster cluster;
    private IDisposable? bootstrapLoggerFactory;

    public EmbeddedPostgresHostedService(LocalPostgresCluster cluster, ILogger<LocalPostgresCluster> logger)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(logger);
        this.cluster = cluster;
        cluster.UseLogger(logger);
    }

    /// <summary>Also disposes the logger factory that served before the host existed, once the app's logging takes over.</summary>
    internal EmbeddedPostgresHostedService(LocalPostgresCluster cluster, ILogger<LocalPostgresCluster> logger, IDisposable bootstrapLoggerFactory)
        : this(cluster, logger)
    {
        this.bootstrapLoggerFactory = bootstrapLoggerFactory;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref bootstrapLoggerFactory, null)?.Dispose();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync(cancellationToken);
}
