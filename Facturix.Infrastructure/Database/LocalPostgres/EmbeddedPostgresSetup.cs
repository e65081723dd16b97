using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>Wires the "database that starts itself" into the app.</summary>
public static class EmbeddedPostgresSetup
{
    /// <summary>Configuration key of the app's connection string (environment: <c>ConnectionStrings__Facturix</c>).</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Facturix";

    /// <summary>Configuration key overriding the embedded cluster's folder (see <see cref="LocalPostgresOptions.DefaultDataDirectory"/>).</summary>
    public const string DataDirectoryKey = "Facturix:DataDir";

    /// <summary>Set to "true" when the app runs on its embedded cluster (the demo-data seeding default depends on it).</summary>
    public const string EmbeddedDatabaseKey = "Facturix:EmbeddedDatabase";

    /// <summary>
    /// When <c>ConnectionStrings:Facturix</c> is set, does nothing and returns null. Otherwise starts (or
    /// reuses) the local cluster in <c>Facturix:DataDir</c> or <see cref="LocalPostgresOptions.DefaultDataDirectory"/>,
    /// sets <c>ConnectionStrings:Facturix</c> to it and <c>Facturix:EmbeddedDatabase</c> to "true", and registers
    /// the cluster (singleton) and the <see cref="EmbeddedPostgresHostedService"/> that stops it with the app.
    /// Call it before registering other hosted services (they then stop before the database does) and
    /// before anything reads the connection string.
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">No connection string and no PostgreSQL installed.</exception>
    public static async Task<LocalPostgresCluster?> StartEmbeddedPostgresIfNeededAsync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[ConnectionStringKey]))
        {
            return null;
        }

        var dataDirectory = builder.Configuration[DataDirectoryKey];
        var options = new LocalPostgresOptions
        {
            DataDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? LocalPostgresOptions.DefaultDataDirectory() : dataDirectory,
        };

        // The host's logging does not exist yet: a console logger with the app's Logging settings serves the start,
        // and the hosted service hands the cluster the app's own logger once the host is built.
        var bootstrapLoggerFactory = LoggerFactory.Create(logging => logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(console => console.SingleLine = true));
        LocalPostgresCluster cluster;
        try
        {
            cluster = await LocalPostgresCluster
                .StartAsync(options, bootstrapLoggerFactory.CreateLogger<LocalPostgresCluster>(), CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch
        {
            bootstrapLoggerFactory.Dispose();
            throw;
        }

        builder.Configuration[ConnectionStringKey] = cluster.ConnectionString;
        builder.Configuration[EmbeddedDatabaseKey] = "true";
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton<IHostedService>(services => new EmbeddedPostgresHostedService(
            cluster, services.GetRequiredService<ILogger<LocalPostgresCluster>>(), bootstrapLoggerFactory));
        return cluster;
    }
}
