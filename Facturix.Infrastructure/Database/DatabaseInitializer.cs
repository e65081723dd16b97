using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database;

/// <summary>Brings the database to the current schema and makes sure the three roles exist. Runs once at start.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<FacturixDb> dbFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
    }
}
