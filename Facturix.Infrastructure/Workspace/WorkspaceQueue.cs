using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// <see cref="IWorkspaceQueue"/>: the selector and Get Next here, the lease's life (renew, release, skip) in
/// <c>WorkspaceQueue.Leases.cs</c>, the SQL in <see cref="WorkspaceQueueSql"/>. Locks are frequent and not audited;
/// skips are logged as activities on the lead.
/// </summary>
internal sealed partial class WorkspaceQueue(
    IDbContextFactory<FacturixDb> dbFactory,
    NpgsqlDataSource dataSource,
    IValidator<SkipReason> skipValidator,
    TimeProvider clock) : IWorkspaceQueue
{
    public async Task<IReadOnlyList<WorkspaceCampaign>> GetCampaignsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = await Scope.Campaigns(db, actor)
            .Where(c => c.State == CampaignState.Active)
            .Join(db.Accounts, c => c.AccountId, a => a.Id,
                (c, a) => new { c.Id, c.Name, AccountName = a.Name, c.CallingHoursStart, c.CallingHoursEnd, c.TimeZone })
            .OrderBy(c => c.AccountName).ThenBy(c => c.Name)
            .ToListAsync(ct);
        if (campaigns.Count == 0) return [];

        var now = clock.GetUtcNow();
        var counts = new Dictionary<Guid, int>();
        await db.Database.OpenConnectionAsync(ct);
        await using (var command = new NpgsqlCommand(WorkspaceQueueSql.CountCallable, (NpgsqlConnection)db.Database.GetDbConnection()))
        {
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("cap", (long)QueueRules.CallableCountCap);
            command.Parameters.AddWithValue("ids", campaigns.Select(c => c.Id).ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) counts[reader.GetGuid(0)] = (int)reader.GetInt64(1);
        }
        return campaigns.Select(c => new WorkspaceCampaign(c.Id, c.Name, c.AccountName, counts.GetValueOrDefault(c.Id),
            OpensAfter(c.CallingHoursStart, c.CallingHoursEnd, c.TimeZone, now))).ToList();
    }

    /// <summary>
    /// When the campaign's window next opens if it is closed at <paramref name="now"/>; null while open, never open, or in
    /// a zone this server does not know (the selector must list the campaign whatever its settings).
    /// </summary>
    private static DateTimeOffset? OpensAfter(TimeOnly start, TimeOnly end, string zone, DateTimeOffset now) =>
        LeadTimeZones.IsKnown(zone) && new CallingHours(start, end, zone).NextOpen(now) is { } opens && opens > now ? opens : null;

    public async Task<QueueResult> GetNextAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        // Plain Npgsql on the data source, no EF context: Get Next runs for every call of every BD (issue 14's numbers).
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var campaign = await ReadCampaignAsync(connection, actor, campaignId, ct) ?? throw new NotFoundException("campaign", campaignId);
        // A paused or finished campaign feeds nobody (CampaignState): its queue is empty, whatever its leads.
        if (campaign.State != CampaignState.Active) return QueueResult.Nothing(QueueEmptyReason.Empty, null);

        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(campaign.LockLeaseMinutes);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        WorkspaceLead? lead = null;
        await using (var command = Command(connection, transaction, WorkspaceQueueSql.GetNext(CallingHours.ShapeOf(campaign.CallingHoursStart, campaign.CallingHoursEnd)), campaign, now))
        {
            command.Parameters.AddWithValue("user", actor.UserId);
            command.Parameters.AddWithValue("expires", expires);
            command.Parameters.AddWithValue("retry_before", now.AddMinutes(-campaign.RetryDelayMinutes));
            // Prepared once per pooled connection: the statement's planning is most of its cost once the index is warm.
            await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) lead = ReadLead(reader, campaignId);
        }
        if (lead is null)
        {
            await transaction.RollbackAsync(ct);
            return await DiagnoseAsync(connection, campaign, now, ct);
        }
        await LiveEventPublisher.PublishAsync(connection, transaction, [new LeadLocked(lead.Id, campaignId, actor.UserId, actor.Email)], ct);
        await transaction.CommitAsync(ct);
        return QueueResult.Locked(lead);
    }

    /// <summary>
    /// The campaign's queue settings if it is in the actor's scope, by hand-written SQL (<see cref="Scope.CampaignSql"/>):
    /// Get Next runs for every call of every BD, and EF's query pipeline cost more CPU than the statement itself.
    /// </summary>
    private static async Task<Campaign?> ReadCampaignAsync(NpgsqlConnection connection, Actor actor, Guid campaignId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT c.account_id, c.name, c.status, c.lock_lease_minutes, c.calling_hours_start, c.calling_hours_end, c.time_zone,
                c.max_call_attempts, c.retry_delay_minutes
            FROM campaigns c
            WHERE c.id = @campaign AND {Scope.CampaignSql("c")}
            """, connection);
        command.Parameters.AddWithValue("campaign", campaignId);
        Scope.AddCampaignParameters(command.Parameters, actor);
        await command.PrepareAsync(ct);
        await using var r = await command.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new Campaign
        {
            Id = campaignId, AccountId = r.GetGuid(0), Name = r.GetString(1), State = Enum.Parse<CampaignState>(r.GetString(2)),
            LockLeaseMinutes = r.GetInt32(3), CallingHoursStart = r.GetFieldValue<TimeOnly>(4), CallingHoursEnd = r.GetFieldValue<TimeOnly>(5),
            TimeZone = r.GetString(6), MaxCallAttempts = r.GetInt32(7), RetryDelayMinutes = r.GetInt32(8),
        };
    }

    /// <summary>Why nothing is callable, and when the first lead will be: the earliest free-and-due instant per zone, moved to that zone's next calling hour.</summary>
    private static async Task<QueueResult> DiagnoseAsync(NpgsqlConnection connection, Campaign campaign, DateTimeOffset now, CancellationToken ct)
    {
        int open = 0, underCap = 0, locked = 0, dueFree = 0;
        DateTimeOffset? next = null;
        await using var command = Command(connection, null, WorkspaceQueueSql.Diagnose, campaign, now);
        command.Parameters.AddWithValue("retry", TimeSpan.FromMinutes(campaign.RetryDelayMinutes));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            open += (int)reader.GetInt64(1);
            underCap += (int)reader.GetInt64(2);
            locked += (int)reader.GetInt64(3);
            dueFree += (int)reader.GetInt64(4);
            if (reader.IsDBNull(5)) continue;
            var earliest = reader.GetFieldValue<DateTime>(5);
            var from = earliest == DateTime.MinValue || earliest < now.UtcDateTime ? now : new DateTimeOffset(earliest, TimeSpan.Zero);
            var zone = reader.GetString(0);
            var opens = new CallingHours(campaign.CallingHoursStart, campaign.CallingHoursEnd,
                LeadTimeZones.IsKnown(zone) ? zone : campaign.TimeZone).NextOpen(from);
            if (opens is { } at && (next is null || at < next)) next = at;
        }
        return QueueResult.Nothing(QueueRules.EmptyReason(open, underCap, dueFree, locked), next);
    }

    /// <summary>A command on the context's connection (and transaction), with the campaign's rule parameters bound.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Campaign campaign, DateTimeOffset now)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("campaign", campaign.Id);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("zone", campaign.TimeZone);
        command.Parameters.AddWithValue("max", campaign.MaxCallAttempts);
        command.Parameters.AddWithValue("start", campaign.CallingHoursStart);
        command.Parameters.AddWithValue("end", campaign.CallingHoursEnd);
        return command;
    }

    private static WorkspaceLead ReadLead(NpgsqlDataReader r, Guid campaignId)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        var name = string.Join(' ', new[] { Text(2), Text(3) }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new WorkspaceLead(
            r.GetGuid(0), campaignId, r.GetGuid(1), name, r.GetString(4), Text(5), Text(6), Text(7), r.GetString(8).Trim(),
            Text(9), Enum.Parse<LeadStatus>(r.GetString(10)), r.GetInt32(11), r.GetInt32(12), Time(13), Time(14),
            r.GetFieldValue<DateTimeOffset>(15), r.GetString(16), r.GetFieldValue<uint>(17));
    }
}
