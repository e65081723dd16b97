using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace Facturix.Tests.Support;

/// <summary>
/// A migrated database of its own for one test class, the real infrastructure services wired to it,
/// and a Respawn reset between tests (DELETEs rather than TRUNCATE: <see cref="DeletingPostgresAdapter"/>). Use it through <see cref="DatabaseTest"/>.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly Lock _liveEventsGate = new();
    private Respawner? _respawner;
    private ServiceProvider? _services;
    private Task<PostgresLiveEventBus>? _liveEvents;

    public string ConnectionString { get; private set; } = "";
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Fixture not initialised.");

    /// <summary>
    /// The <see cref="TimeProvider"/> every service gets. It starts at the real time and stands still until a
    /// test moves it: <c>Fixture.Clock.Advance(TimeSpan.FromMinutes(10))</c>.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateMigratedDatabaseAsync(GetType().Name);
        _services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            // Before the infrastructure, whose TryAdd then keeps this clock.
            .AddSingleton<TimeProvider>(Clock)
            .AddFacturixInfrastructure(ConnectionString)
            .BuildServiceProvider();

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = new DeletingPostgresAdapter(),
            SchemasToInclude = ["public"],
            // The schema history and the three roles are part of the migrated baseline, not test data.
            TablesToIgnore = [new Table("__ef_migrations_history"), new Table("AspNetRoles")],
        });
    }

    /// <summary>Empties every data table, keeping the schema and roles, and restores the default permission matrix.</summary>
    public async Task ResetAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await _respawner!.ResetAsync(connection);
        }
        // role_capabilities is data a test may edit: back to the default matrix.
        await using var db = NewDb();
        await DatabaseInitializer.SeedDefaultCapabilitiesAsync(db);
        ForgetDashboardFigures();
    }

    /// <summary>
    /// What a resync does to the dashboard's cached scopes and pieces (docs/decisions/0063, 0064): they are read again.
    /// For a wiped database, and for tests that change data without the live events a service would send.
    /// </summary>
    public void ForgetDashboardFigures() =>
        Services.GetRequiredService<Infrastructure.Dashboard.DashboardFreshness>().Observe(new Domain.LiveEvents.LiveEventsResynced());

    /// <summary>
    /// Starts the LISTEN side of the live-event bus (off by default: most tests don't need it) and waits for
    /// its LISTEN. Safe to call from every test: the bus starts once and the same one is returned.
    /// </summary>
    public Task<PostgresLiveEventBus> StartLiveEventsAsync()
    {
        lock (_liveEventsGate)
            return _liveEvents ??= StartBusAsync();

        async Task<PostgresLiveEventBus> StartBusAsync()
        {
            var bus = Services.GetRequiredService<PostgresLiveEventBus>();
            await bus.StartAsync(CancellationToken.None);
            await bus.Listening.WaitAsync(TimeSpan.FromSeconds(10));
            return bus;
        }
    }

    /// <summary>Starts the bus and records what it delivers from now on (see <see cref="EventRecorder"/>).</summary>
    public async Task<EventRecorder> RecordEventsAsync() => new(await StartLiveEventsAsync(), PublishAsync);

    /// <summary>Announces <paramref name="events"/> the way a service does: published with a committed SaveChanges.</summary>
    public async Task PublishAsync(params LiveEvent[] events)
    {
        await using var db = NewDb();
        foreach (var liveEvent in events)
            db.Publish(liveEvent);
        await db.SaveChangesAsync();
    }

    public FacturixDb NewDb() => Services.GetRequiredService<IDbContextFactory<FacturixDb>>().CreateDbContext();

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            if (_liveEvents is not null)
                await Services.GetRequiredService<PostgresLiveEventBus>().StopAsync(CancellationToken.None);
            await _services.DisposeAsync();
        }
    }
}
