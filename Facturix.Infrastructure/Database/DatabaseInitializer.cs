using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database;

/// <summary>Brings the database to the current schema and makes sure the three roles and their default capabilities exist. Runs once at start.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<FacturixDb> dbFactory, ILogger<DatabaseInitializer> logger)
{
    /// <summary>Advisory lock key held while one instance initialises the database ("FACTURIX" in ASCII).</summary>
    private const long InitializationLockKey = 0x4641435455524958;

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // Instances starting together would otherwise apply the same migrations twice (EF's own migration lock
        // does not cover the history check) and race on the roles. A session advisory lock serialises them: the
        // second instance waits, then finds nothing left to do. The context's connection stays open throughout,
        // so the lock, the migrations and the unlock share one session.
        db.Database.SetCommandTimeout(TimeSpan.Zero); // a long migration must not time out the instance waiting for it
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({InitializationLockKey})", ct);
        try
        {
            await MigrateAndEnsureRolesAsync(db, ct);
        }
        finally
        {
            // Explicitly: closing a pooled connection keeps its session, and with it a session-level lock.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({InitializationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateAndEnsureRolesAsync(FacturixDb db, CancellationToken ct)
    {
        // On an empty database EF would first query a history table that does not exist yet and log
        // that as a failed command; a newcomer's first start should not open with an error line.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }

        foreach (var role in Roles.All)
        {
            var normalized = role.ToUpperInvariant();
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, ct))
                db.Roles.Add(new AppRole(role) { Id = Guid.CreateVersion7(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }
        await db.SaveChangesAsync(ct);
        await SeedDefaultCapabilitiesAsync(db, ct);
    }

    /// <summary>
    /// The default matrix, for a role that has none yet. Once a role has rows, the table is the truth: an admin's
    /// edits survive restarts. Public for the test reset, which empties the table between tests.
    /// </summary>
    public static async Task SeedDefaultCapabilitiesAsync(FacturixDb db, CancellationToken ct = default)
    {
        foreach (var (role, capabilities) in RoleCapabilities.Defaults)
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
            if (await db.RoleCapabilities.AnyAsync(rc => rc.RoleId == roleId, ct)) continue;
            db.RoleCapabilities.AddRange(capabilities.Select(c => new RoleCapability { RoleId = roleId, Capability = c.Key() }));
        }
        await db.SaveChangesAsync(ct);
    }
}
