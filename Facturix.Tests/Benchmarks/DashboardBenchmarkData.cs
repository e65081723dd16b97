using System.Diagnostics;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Benchmarks;

/// <summary>
/// The data set of issue 16's numbers: 4 accounts, 20 campaigns, 50 BDs (each on two campaigns), a manager of two
/// accounts (10 campaigns, 25 BDs), an admin; 1,000,000 leads and 5,000,000 activities spread over a year, tasks done.
/// People and campaigns go through EF; leads and activities are set-based <c>INSERT … SELECT generate_series</c>, the
/// rollup triggers off while activities load and the rollup rebuilt once after (as the spine migration's backfill).
/// FACTURIX_BENCH_LEADS and FACTURIX_BENCH_ACTIVITIES make it smaller for a smoke run.
/// </summary>
internal sealed class DashboardBenchmarkData
{
    public const int Campaigns = 20;
    public const int Bds = 50;

    public required string ConnectionString { get; init; }
    public required Guid AdminId { get; init; }
    public required Guid ManagerId { get; init; }
    public required Guid[] BdIds { get; init; }
    public required Guid[] CampaignIds { get; init; }
    public required Guid[] ManagerCampaignIds { get; init; }
    public required int Leads { get; init; }
    public required long Activities { get; init; }
    public required TimeSpan BuildTime { get; init; }

    public static async Task<DashboardBenchmarkData> BuildAsync()
    {
        var watch = Stopwatch.StartNew();
        var leads = EnvCount("FACTURIX_BENCH_LEADS", 1_000_000);
        var activities = EnvCount("FACTURIX_BENCH_ACTIVITIES", 5_000_000);
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("bench_dashboard");
        var now = DateTimeOffset.UtcNow;

        await using var db = FacturixDbOptions.CreateContext(connectionString);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        AppUser User(string role, string email) => new()
        {
            Id = Guid.CreateVersion7(), DisplayName = email.Split('@')[0], Email = email, UserName = email,
            NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = now,
        };
        var admin = User(Roles.Admin, "admin@bench.local");
        var manager = User(Roles.Manager, "manager@bench.local");
        var bds = Enumerable.Range(0, Bds).Select(i => User(Roles.BusinessDeveloper, $"bd{i}@bench.local")).ToArray();
        db.Users.AddRange([admin, manager, .. bds]);
        db.UserRoles.Add(new() { UserId = admin.Id, RoleId = roles[Roles.Admin] });
        db.UserRoles.Add(new() { UserId = manager.Id, RoleId = roles[Roles.Manager] });
        db.UserRoles.AddRange(bds.Select(b => new Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { UserId = b.Id, RoleId = roles[Roles.BusinessDeveloper] }));

        var accounts = Enumerable.Range(0, 4).Select(i => new Account
        {
            Id = Guid.CreateVersion7(), Name = $"Client {i}", CreatedAt = now, UpdatedAt = now,
        }).ToArray();
        var campaigns = Enumerable.Range(0, Campaigns).Select(i => new Campaign
        {
            Id = Guid.CreateVersion7(), AccountId = accounts[i % 4].Id, Name = $"Campagne {i}", State = CampaignState.Active,
            CreatedAt = now, UpdatedAt = now,
        }).ToArray();
        db.Accounts.AddRange(accounts);
        db.Campaigns.AddRange(campaigns);
        db.AccountAssignments.AddRange(accounts.Take(2).Select(a => new AccountAssignment { AccountId = a.Id, UserId = manager.Id, AssignedAt = now }));
        // BD i works campaign i % 20 and (i + 7) % 20; campaign c's own BDs are c, c + 20 (and c + 40).
        db.CampaignAssignments.AddRange(bds.SelectMany((b, i) => new[] { i % Campaigns, (i + 7) % Campaigns }.Distinct()
            .Select(c => new CampaignAssignment { CampaignId = campaigns[c].Id, UserId = b.Id, AssignedAt = now })));
        await db.SaveChangesAsync();

        var campaignIds = campaigns.Select(c => c.Id).ToArray();
        var accountIds = campaigns.Select(c => c.AccountId).ToArray();
        var bdIds = bds.Select(b => b.Id).ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            if (!sql.Contains('@')) { await command.ExecuteNonQueryAsync(); return; }
            command.Parameters.AddWithValue("campaigns", campaignIds);
            command.Parameters.AddWithValue("accounts", accountIds);
            command.Parameters.AddWithValue("bds", bdIds);
            command.Parameters.AddWithValue("leads", leads);
            command.Parameters.AddWithValue("activities", (long)activities);
            command.Parameters.AddWithValue("now", now);
            await command.ExecuteNonQueryAsync();
        }

        await RunAsync("""
            INSERT INTO leads (id, campaign_id, account_id, status, score, company, country, priority, call_attempts, created_at, updated_at)
            SELECT md5('lead' || g)::uuid, (@campaigns)[1 + g % 20], (@accounts)[1 + g % 20],
                   (ARRAY['New','New','New','New','New','Attempted','Contacted','Interested','Converted','NotAFit'])[1 + (g / 20) % 10],
                   g % 100, 'Société ' || g, 'FR', 0, (g / 20) % 4, @now - make_interval(days => g % 365), @now
            FROM generate_series(0, @leads - 1) g
            """);
        await RunAsync(ActivityDailySql.DropTriggers);
        // Activity g: lead g % leads (so its campaign), by one of that campaign's own BDs, 70 % calls, 20 % emails, 10 % status.
        await RunAsync("""
            INSERT INTO activities (id, lead_id, campaign_id, account_id, user_id, kind, outcome, direction, status_to, occurred_at, created_at, client_visible)
            SELECT md5('activity' || g)::uuid, md5('lead' || (g % @leads))::uuid,
                   (@campaigns)[1 + (g % @leads) % 20], (@accounts)[1 + (g % @leads) % 20],
                   (@bds)[1 + (g % @leads) % 20 + 20 * (g % 2)],
                   CASE WHEN g % 10 < 7 THEN 'Call' WHEN g % 10 < 9 THEN 'Email' ELSE 'Status' END,
                   CASE WHEN g % 10 < 7 THEN (ARRAY['NoAnswer','Voicemail','Interested','NotAFit','MeetingBooked','CallBack','WrongNumber'])[1 + (g / 10) % 7] END,
                   CASE WHEN g % 10 = 8 THEN 'Inbound' WHEN g % 10 = 7 THEN 'Outbound' END,
                   CASE WHEN g % 10 = 9 THEN 'Converted' END,
                   @now - make_interval(secs => (g * 6311) % (365 * 86400)), @now, false
            FROM generate_series(0, @activities - 1) g
            """);
        await RunAsync(ActivityDailySql.Rebuild);
        await RunAsync(ActivityDailySql.CreateTriggers);
        await RunAsync("""
            INSERT INTO tasks (id, title, assignee_id, priority, completed_at, created_at, updated_at)
            SELECT gen_random_uuid(), 'Relance', (@bds)[1 + g % 50], 'Normal', @now - make_interval(hours => g % (24 * 90)), @now, @now
            FROM generate_series(0, 49999) g
            """);
        await RunAsync("VACUUM ANALYZE");

        return new DashboardBenchmarkData
        {
            ConnectionString = connectionString, AdminId = admin.Id, ManagerId = manager.Id, BdIds = bdIds,
            CampaignIds = campaignIds,
            ManagerCampaignIds = campaigns.Where(c => c.AccountId == accounts[0].Id || c.AccountId == accounts[1].Id).Select(c => c.Id).ToArray(),
            Leads = leads, Activities = activities, BuildTime = watch.Elapsed,
        };
    }

    private static int EnvCount(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : fallback;
}
