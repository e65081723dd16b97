using Stopwatch = System.Diagnostics.Stopwatch;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Fills an empty database with the demo agency: the eight demo users (README, ui-contract.md), five client accounts,
/// ten campaigns, <see cref="DemoSeedOptions.LeadCount"/> leads with their call/e-mail history, open tasks, a few
/// audit events and this month's goals.
/// </summary>
/// <remarks>
/// The whole data set is generated in memory first (<see cref="DemoDataGenerator"/>, deterministic for a seed), then
/// written with binary COPY in one transaction: a failed seed leaves nothing behind. A transaction-level advisory lock
/// keeps two app instances starting together from seeding twice.
/// </remarks>
public sealed class DemoDataSeeder(NpgsqlDataSource dataSource, IPasswordHasher<AppUser> hasher, ILogger<DemoDataSeeder> logger)
{
    /// <summary>The one documented password of every demo user.</summary>
    public const string DemoPassword = "Facturix!2026";

    private const long AdvisoryLockKey = 0x4641_4354_4445_4D4F; // "FACTDEMO"

    private static readonly Lazy<CopyPlan> Copies = new(() => new CopyPlan());

    /// <summary>Seeds only a database without any user or account; returns false (and writes nothing) otherwise.</summary>
    public async Task<bool> SeedIfEmptyAsync(DemoSeedOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using (var probe = await dataSource.OpenConnectionAsync(ct))
        {
            if (!await IsEmptyAsync(probe, ct))
            {
                logger.LogDebug("Demo data not seeded: the database already has users or accounts.");
                return false;
            }
        }
        return await SeedCoreAsync(options, onlyIfEmpty: true, ct) is not null;
    }

    /// <summary>Seeds unconditionally (fails, writing nothing, if a demo user already exists).</summary>
    public async Task<DemoSeedResult> SeedAsync(DemoSeedOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (await SeedCoreAsync(options, onlyIfEmpty: false, ct))!;
    }

    private async Task<DemoSeedResult?> SeedCoreAsync(DemoSeedOptions options, bool onlyIfEmpty, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var copies = Copies.Value;
        var data = DemoDataGenerator.Generate(options);
        // Hashing is deliberately slow: hash once, give every demo user the same hash.
        var passwordHash = hasher.HashPassword(data.Users[0].User, DemoPassword);
        foreach (var user in data.Users)
            user.User.PasswordHash = passwordHash;
        var generated = stopwatch.Elapsed;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        if (onlyIfEmpty && !await IsEmptyAsync(connection, ct))
        {
            logger.LogDebug("Demo data not seeded: another instance seeded the database first.");
            return null;
        }

        await ExecuteAsync(connection, "SET LOCAL synchronous_commit = off", ct);
        var roleIds = await EnsureRolesAsync(connection, copies, ct);
        await copies.Users.WriteAsync(connection, data.Users.Select(u => u.User), ct);
        await copies.UserRoles.WriteAsync(connection,
            data.Users.Select(u => new IdentityUserRole<Guid> { UserId = u.User.Id, RoleId = roleIds[u.Role] }), ct);
        await copies.Accounts.WriteAsync(connection, data.Accounts, ct);
        await copies.AccountAssignments.WriteAsync(connection, data.AccountAssignments, ct);
        await copies.Campaigns.WriteAsync(connection, data.Campaigns, ct);
        await copies.CampaignAssignments.WriteAsync(connection, data.CampaignAssignments, ct);
        await copies.CampaignStatuses.WriteAsync(connection, data.CampaignStatuses, ct);
        await copies.CampaignOutcomes.WriteAsync(connection, data.CampaignOutcomes, ct);
        var leadsFrom = stopwatch.Elapsed;
        // Past ~100,000 rows, building an index once costs far less than maintaining it row by row (the trigram GIN index
        // above all): the big tables' secondary indexes are dropped and rebuilt around their COPY, in this transaction.
        var rebuild = data.Leads.Count >= LargeSeedRows
            ? await DropSecondaryIndexesAsync(connection, [copies.Leads.TableName, copies.Activities.TableName], ct)
            : [];
        await copies.Leads.WriteAsync(connection, data.Leads, ct);
        var activitiesFrom = stopwatch.Elapsed;
        await copies.Activities.WriteAsync(connection, data.Activities, ct);
        var activitiesUntil = stopwatch.Elapsed;
        foreach (var definition in rebuild)
            await ExecuteAsync(connection, definition, ct, timeout: 0);
        await copies.Tasks.WriteAsync(connection, data.Tasks, ct);
        await copies.AuditEvents.WriteAsync(connection, data.AuditEvents, ct);
        await copies.Goals.WriteAsync(connection, data.Goals, ct);
        await transaction.CommitAsync(ct);

        // Fresh statistics, so the first dashboard queries get good plans without waiting for autovacuum.
        var analyzeFrom = stopwatch.Elapsed;
        await ExecuteAsync(connection, $"ANALYZE {copies.Leads.TableName}, {copies.Activities.TableName}, {copies.Tasks.TableName}", ct, timeout: 0);
        logger.LogDebug("Demo seed phases: generate {Generate} ms, leads {Leads} ms, activities {Activities} ms, analyze {Analyze} ms.",
            (long)generated.TotalMilliseconds, (long)(activitiesFrom - leadsFrom).TotalMilliseconds,
            (long)(activitiesUntil - activitiesFrom).TotalMilliseconds, (long)(stopwatch.Elapsed - analyzeFrom).TotalMilliseconds);

        var result = new DemoSeedResult(data.Users.Count, data.Accounts.Count, data.Campaigns.Count, data.Leads.Count,
            data.Activities.Count, data.Tasks.Count, stopwatch.Elapsed);
        logger.LogInformation(
            "Demo data seeded in {ElapsedMs} ms (generated in {GeneratedMs} ms, seed {Seed}): {Users} users, {Accounts} accounts, " +
            "{Campaigns} campaigns, {Leads} leads, {Activities} activities, {Tasks} tasks.",
            (long)result.Elapsed.TotalMilliseconds, (long)generated.TotalMilliseconds, options.Seed, result.Users, result.Accounts,
            result.Campaigns, result.Leads, result.Activities, result.Tasks);
        return result;
    }

    private static async Task<bool> IsEmptyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var copies = Copies.Value;
        await using var command = new NpgsqlCommand(
            $"SELECT NOT EXISTS (SELECT 1 FROM {copies.Users.TableName}) AND NOT EXISTS (SELECT 1 FROM {copies.Accounts.TableName})",
            connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The app creates the roles at start (DatabaseInitializer): insert only the missing ones, then read all ids.</summary>
    private static async Task<Dictionary<string, Guid>> EnsureRolesAsync(NpgsqlConnection connection, CopyPlan copies, CancellationToken ct)
    {
        var roles = copies.Roles;
        string id = roles.ColumnName(nameof(AppRole.Id)), name = roles.ColumnName(nameof(AppRole.Name)),
            normalized = roles.ColumnName(nameof(AppRole.NormalizedName)), stamp = roles.ColumnName(nameof(AppRole.ConcurrencyStamp));
        foreach (var role in Roles.All)
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {roles.TableName} ({id}, {name}, {normalized}, {stamp}) VALUES ($1, $2, $3, $4) ON CONFLICT ({normalized}) DO NOTHING",
                connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = role });
            insert.Parameters.Add(new NpgsqlParameter { Value = role.ToUpperInvariant() });
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString() });
            await insert.ExecuteNonQueryAsync(ct);
        }

        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var select = new NpgsqlCommand($"SELECT {id}, {normalized} FROM {roles.TableName}", connection);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var normalizedName = reader.GetString(1);
            var role = Roles.All.FirstOrDefault(r => r.ToUpperInvariant() == normalizedName);
            if (role is not null) ids[role] = reader.GetGuid(0);
        }
        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, int? timeout = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (timeout is { } seconds) command.CommandTimeout = seconds;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Seeds of at least this many leads rebuild the big tables' indexes after their COPY instead of maintaining them.</summary>
    private const int LargeSeedRows = 100_000;

    /// <summary>
    /// Drops the indexes of <paramref name="tables"/> that back no constraint, and their foreign keys, and returns the
    /// statements that restore them once the rows are in (re-adding a foreign key validates every row in one join, where
    /// COPY would check each row with index probes). Transactional: a failed seed restores them.
    /// </summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, string[] tables, CancellationToken ct)
    {
        var drops = new List<string>();
        var restores = new List<string>();
        await using (var select = new NpgsqlCommand("""
            SELECT 'DROP INDEX ' || i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(SELECT t::regclass FROM unnest($1::text[]) t)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            UNION ALL
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
            FROM pg_constraint k
            WHERE k.contype = 'f' AND k.conrelid = ANY(SELECT t::regclass FROM unnest($1::text[]) t)
            """, connection))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = tables });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                drops.Add(reader.GetString(0));
                restores.Add(reader.GetString(1));
            }
        }
        foreach (var drop in drops)
            await ExecuteAsync(connection, drop, ct);
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '512MB'", ct);
        return restores;
    }

    /// <summary>One COPY writer per table, built once from the EF model (table and column names follow the mapping).</summary>
    private sealed class CopyPlan
    {
        public CopyPlan()
        {
            // The model does not depend on the connection: any connection string builds it, nothing is opened.
            using var db = FacturixDbOptions.CreateContext("Host=localhost");
            IModel model = db.Model;
            Roles = new(model);
            Users = new(model);
            UserRoles = new(model);
            Accounts = new(model);
            AccountAssignments = new(model);
            Campaigns = new(model);
            CampaignAssignments = new(model);
            CampaignStatuses = new(model);
            CampaignOutcomes = new(model);
            Leads = new(model);
            Activities = new(model);
            Tasks = new(model);
            AuditEvents = new(model);
            Goals = new(model);
        }

        public EntityCopy<AppRole> Roles { get; }
        public EntityCopy<AppUser> Users { get; }
        public EntityCopy<IdentityUserRole<Guid>> UserRoles { get; }
        public EntityCopy<Account> Accounts { get; }
        public EntityCopy<AccountAssignment> AccountAssignments { get; }
        public EntityCopy<Campaign> Campaigns { get; }
        public EntityCopy<CampaignAssignment> CampaignAssignments { get; }
        public EntityCopy<CampaignStatus> CampaignStatuses { get; }
        public EntityCopy<CampaignOutcome> CampaignOutcomes { get; }
        public EntityCopy<Lead> Leads { get; }
        public EntityCopy<Activity> Activities { get; }
        public EntityCopy<TaskItem> Tasks { get; }
        public EntityCopy<AuditEvent> AuditEvents { get; }
        public EntityCopy<Goal> Goals { get; }
    }
}
