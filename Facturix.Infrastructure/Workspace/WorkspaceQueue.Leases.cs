using Facturix.Domain.Activities;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// The lease's life. Ownership is <c>locked_by_id</c>: a lease that ran out is still the holder's until the reaper clears
/// it or another BD's Get Next takes the lead, so a workspace that renews a little late (a laptop waking up) keeps its
/// lead; once taken, the holder's renewal is a <see cref="ErrorCodes.LeaseLost"/> conflict.
/// </summary>
internal sealed partial class WorkspaceQueue
{
    public async Task<DateTimeOffset> RenewAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lease = await LeaseMinutesAsync(db, actor, leadId, ct);
        var expires = clock.GetUtcNow().AddMinutes(lease);
        var renewed = await db.Leads
            .Where(l => l.Id == leadId && l.LockedById == actor.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LockExpiresAt, expires), ct);
        return renewed == 1 ? expires : throw LeaseLost(leadId);
    }

    public async Task ReleaseAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await LeaseMinutesAsync(db, actor, leadId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Idempotent: Finish, the outcome's own release and the circuit closing may all ask; only the holder's lock goes.
        if (await ReleaseHeldAsync(db, actor, leadId, clock.GetUtcNow(), null, ct) is { } campaignId)
            await db.PublishNowAsync(new LeadUnlocked(leadId, campaignId), ct);
        await transaction.CommitAsync(ct);
    }

    public async Task SkipAsync(Actor actor, Guid leadId, string reason, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await skipValidator.ValidateAndThrowAsync(new SkipReason { Reason = reason ?? "" }, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await Scope.Leads(db, actor).Where(l => l.Id == leadId)
            .Join(db.Campaigns, l => l.CampaignId, c => c.Id, (l, c) => new { l.CampaignId, l.AccountId, c.RetryDelayMinutes })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("lead", leadId);

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A skipped lead waits the campaign's retry delay before it comes back (docs/decisions/0046): without it the
        // lead just skipped would be the next one Get Next returns.
        var deferTo = now.AddMinutes(lead.RetryDelayMinutes);
        if (await ReleaseHeldAsync(db, actor, leadId, now, deferTo, ct) is null) throw LeaseLost(leadId);
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(now),
            LeadId = leadId, AccountId = lead.AccountId, CampaignId = lead.CampaignId, UserId = actor.UserId,
            Kind = ActivityKind.Note, Subject = SkipSubject, Body = reason!.Trim(), OccurredAt = now, CreatedAt = now,
        };
        db.Activities.Add(activity);
        db.Publish(new ActivityLogged(activity.Id, activity.Kind, leadId, lead.CampaignId, actor.UserId));
        db.Publish(new LeadUnlocked(leadId, lead.CampaignId));
        db.Publish(new LeadUpdated(leadId, lead.CampaignId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The subject of a skip's note on the lead's timeline; the body is the BD's reason.</summary>
    public const string SkipSubject = Activity.SkipSubject;

    /// <summary>The lead's campaign lease, if the lead is in the actor's scope (missing and out of scope look the same).</summary>
    private static async Task<int> LeaseMinutesAsync(FacturixDb db, Actor actor, Guid leadId, CancellationToken ct) =>
        await Scope.Leads(db, actor).Where(l => l.Id == leadId)
            .Join(db.Campaigns, l => l.CampaignId, c => c.Id, (l, c) => (int?)c.LockLeaseMinutes)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("lead", leadId);

    /// <summary>
    /// Clears the actor's lock on the lead (and defers it to <paramref name="deferTo"/> when given, never earlier than a
    /// callback it already has) inside the open transaction; the lead's campaign, or null when the actor did not hold it.
    /// </summary>
    private static async Task<Guid?> ReleaseHeldAsync(FacturixDb db, Actor actor, Guid leadId, DateTimeOffset now, DateTimeOffset? deferTo, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE leads SET locked_by_id = NULL, locked_at = NULL, lock_expires_at = NULL,
                next_call_at = CASE WHEN @defer::timestamptz IS NULL THEN next_call_at ELSE greatest(next_call_at, @defer::timestamptz) END,
                last_activity_at = CASE WHEN @defer::timestamptz IS NULL THEN last_activity_at ELSE @now END,
                updated_at = CASE WHEN @defer::timestamptz IS NULL THEN updated_at ELSE @now END
            WHERE id = @lead AND locked_by_id = @user
            RETURNING campaign_id
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.AddWithValue("lead", leadId);
        command.Parameters.AddWithValue("user", actor.UserId);
        command.Parameters.Add(new NpgsqlParameter("defer", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)deferTo ?? DBNull.Value });
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteScalarAsync(ct) is Guid campaignId ? campaignId : null;
    }

    private static ConflictException LeaseLost(Guid leadId) =>
        new(ErrorCodes.LeaseLost, $"The lease on lead {leadId} is no longer the actor's.");
}
