using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Leads.Bulk;

/// <summary>
/// <see cref="ILeadBulkService"/>: up to <see cref="LeadBulkOptions.InlineLimit"/> leads in one transaction, more through a
/// <see cref="BulkOperation"/> that <see cref="LeadBulkJob"/> runs in chunks (<see cref="ProcessAsync"/>). docs/decisions/0037.
/// </summary>
internal sealed class LeadBulkService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<LeadNote> noteValidator,
    IActorResolver actors,
    IBulkOperationLauncher launcher,
    IOptions<LeadBulkOptions> options,
    ILogger<LeadBulkService> logger,
    TimeProvider clock) : ILeadBulkService
{
    public async Task<LeadBulkResult> RunAsync(Actor actor, LeadSelection selection, LeadBulkAction action, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(action);
        actor.Demand(action.Capability);
        await ValidateAsync(action, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await LeadSelectionQuery.EnsureAllVisibleAsync(db, actor, selection, ct);
        var leads = await LeadSelectionQuery.LeadsAsync(db, actor, selection, ct);
        var limit = Math.Max(1, options.Value.InlineLimit);
        var count = await leads.Take(limit + 1).CountAsync(ct);
        if (count == 0) return new LeadBulkResult(0, null);
        await CheckTargetAsync(db, actor, leads, action, ct);
        var now = clock.GetUtcNow();

        if (count <= limit)
        {
            var ids = await leads.Select(l => l.Id).ToListAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outcome = await LeadBulkWriter.ApplyAsync(db, actor.UserId, ids, action, now, ct);
            db.Audit(actor, now, AuditAction(action), "lead", null, $"{outcome.Affected} leads",
                after: new { action, count = outcome.Affected, selection = LeadSelectionQuery.ForAudit(selection) });
            if (outcome.CampaignIds.Count > 0) db.Publish(new LeadsChanged(outcome.CampaignIds));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new LeadBulkResult(outcome.Affected, null);
        }

        var total = await leads.CountAsync(ct);
        var operation = new BulkOperation
        {
            Id = Guid.CreateVersion7(now), RequestedById = actor.UserId, Kind = action.Kind, State = BulkOperationState.Queued,
            Total = total, CreatedAt = now,
            Parameters = JsonSerializer.Serialize(new Parameters(LeadSelectionQuery.Stored.Of(selection), action, null), LeadSelectionQuery.Json),
        };
        db.BulkOperations.Add(operation);
        db.Audit(actor, now, AuditAction(action), "lead", null, $"{total} leads",
            after: new { action, count = total, operation = operation.Id, selection = LeadSelectionQuery.ForAudit(selection) });
        db.Publish(new BulkOperationProgressed(operation.Id, actor.UserId, 0, total, nameof(BulkOperationState.Queued)));
        await db.SaveChangesAsync(ct);
        try
        {
            await launcher.LaunchAsync(operation.Id, ct);
        }
        catch (Exception ex)
        {
            await FinishAsync(operation.Id, BulkOperationState.Failed, ErrorCodes.Unexpected, CancellationToken.None);
            logger.LogError(ex, "Bulk operation {OperationId} could not be queued.", operation.Id);
            throw;
        }
        return new LeadBulkResult(total, operation.Id);
    }

    public async Task<BulkOperationStatus> GetOperationAsync(Actor actor, Guid operationId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsBulk);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BulkOperations.Where(o => o.Id == operationId && o.RequestedById == actor.UserId)
                   .Select(o => new BulkOperationStatus(o.Id, o.Kind, o.State, o.Done, o.Total, o.Error))
                   .FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException("bulk-operation", operationId);
    }

    /// <summary>
    /// Runs a queued operation to its end, one chunk per transaction, as the person who asked for it is now (their
    /// capabilities and scope re-resolved). Resumable: each chunk's commit records the last lead id done, so a job
    /// re-run after a crash carries on from there and never applies a chunk twice.
    /// </summary>
    public async Task ProcessAsync(Guid operationId, CancellationToken ct)
    {
        Parameters parameters;
        Actor? actor;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var operation = await db.BulkOperations.FirstOrDefaultAsync(o => o.Id == operationId, ct);
            if (operation is null || operation.State is BulkOperationState.Completed or BulkOperationState.Failed) return;
            parameters = JsonSerializer.Deserialize<Parameters>(operation.Parameters, LeadSelectionQuery.Json)!;
            actor = await actors.ResolveAsync(operation.RequestedById, ct);
            if (actor is null || !actor.Can(parameters.Action.Capability))
            {
                await FinishAsync(operationId, BulkOperationState.Failed, ErrorCodes.Forbidden, ct);
                return;
            }
            operation.State = BulkOperationState.Running;
            db.Publish(new BulkOperationProgressed(operation.Id, operation.RequestedById, operation.Done, operation.Total, nameof(BulkOperationState.Running)));
            await db.SaveChangesAsync(ct);
        }

        var selection = parameters.Selection.ToSelection();
        var chunkSize = Math.Max(1, options.Value.ChunkSize);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var ids = (await LeadSelectionQuery.LeadsAsync(db, actor, selection, ct)).Select(l => l.Id);
                if (parameters.Cursor is { } cursor) ids = ids.Where(id => id.CompareTo(cursor) > 0);
                var chunk = await ids.OrderBy(id => id).Take(chunkSize).ToListAsync(ct);
                if (chunk.Count == 0) break;
                var chunkIds = chunk.ToList();
                await CheckTargetAsync(db, actor, db.Leads.Where(l => chunkIds.Contains(l.Id)), parameters.Action, ct);

                var now = clock.GetUtcNow();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var outcome = await LeadBulkWriter.ApplyAsync(db, actor.UserId, chunk, parameters.Action, now, ct);
                var operation = await db.BulkOperations.SingleAsync(o => o.Id == operationId, ct);
                parameters = parameters with { Cursor = chunk[^1] };
                operation.Parameters = JsonSerializer.Serialize(parameters, LeadSelectionQuery.Json);
                operation.Done += chunk.Count;
                operation.Total = Math.Max(operation.Total, operation.Done);
                if (outcome.CampaignIds.Count > 0) db.Publish(new LeadsChanged(outcome.CampaignIds));
                db.Publish(new BulkOperationProgressed(operation.Id, operation.RequestedById, operation.Done, operation.Total, nameof(BulkOperationState.Running)));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            await FinishAsync(operationId, BulkOperationState.Completed, null, ct);
        }
        catch (FacturixException ex)
        {
            // A refusal met half-way (the owner lost access to a campaign): what is done stays done, the rest is not.
            await FinishAsync(operationId, BulkOperationState.Failed, ex.Code, CancellationToken.None);
        }
        catch (ValidationException ex)
        {
            await FinishAsync(operationId, BulkOperationState.Failed, ex.Errors.FirstOrDefault()?.ErrorCode ?? ErrorCodes.Unexpected, CancellationToken.None);
        }
    }

    private async Task FinishAsync(Guid operationId, BulkOperationState state, string? error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var operation = await db.BulkOperations.SingleAsync(o => o.Id == operationId, ct);
        operation.State = state;
        operation.Error = error;
        operation.FinishedAt = clock.GetUtcNow();
        if (state == BulkOperationState.Completed) operation.Total = operation.Done;
        db.Publish(new BulkOperationProgressed(operation.Id, operation.RequestedById, operation.Done, operation.Total, state.ToString()));
        await db.SaveChangesAsync(ct);
    }

    private async Task ValidateAsync(LeadBulkAction action, CancellationToken ct)
    {
        switch (action)
        {
            case LeadBulkAction.AddNote note:
                await noteValidator.ValidateAndThrowAsync(new LeadNote { Text = note.Text ?? "" }, ct);
                break;
            case LeadBulkAction.ChangeStatus status when !Enum.IsDefined(status.Stage):
                throw Refusals.Invalid("Stage", ErrorCodes.LeadBulkStatusInvalid, status.Stage);
        }
    }

    /// <summary>
    /// The action's target must fit every lead: the new owner may work each of their campaigns (and is someone the
    /// actor sees), a campaign status belongs to the campaign of every lead.
    /// </summary>
    private async Task CheckTargetAsync(FacturixDb db, Actor actor, IQueryable<Lead> leads, LeadBulkAction action, CancellationToken ct)
    {
        switch (action)
        {
            case LeadBulkAction.AssignOwner { OwnerId: { } ownerId }:
            {
                if (!await Scope.Users(db, actor).AnyAsync(u => u.Id == ownerId, ct))
                    throw new NotFoundException("user", ownerId);
                var owner = await actors.ResolveAsync(ownerId, ct);
                if (owner is null || !owner.Can(Capability.LeadsRead))
                    throw Refusals.Invalid("OwnerId", ErrorCodes.LeadBulkOwnerNotEligible, ownerId);
                var ownerCampaigns = Scope.Campaigns(db, owner).Select(c => c.Id);
                if (await leads.AnyAsync(l => !ownerCampaigns.Contains(l.CampaignId), ct))
                    throw Refusals.Invalid("OwnerId", ErrorCodes.LeadBulkOwnerNotEligible, ownerId);
                break;
            }
            case LeadBulkAction.ChangeStatus { CampaignStatusId: { } statusId } status:
            {
                var campaignStatus = await db.CampaignStatuses.Where(s => s.Id == statusId)
                    .Select(s => new { s.CampaignId, s.Stage }).FirstOrDefaultAsync(ct);
                if (campaignStatus is null || campaignStatus.Stage != status.Stage
                    || await leads.AnyAsync(l => l.CampaignId != campaignStatus.CampaignId, ct))
                    throw Refusals.Invalid("CampaignStatusId", ErrorCodes.LeadBulkStatusInvalid, statusId);
                break;
            }
        }
    }

    /// <summary>"leads.bulk-assigned", "leads.bulk-status-changed", ...</summary>
    internal static string AuditAction(LeadBulkAction action) => action switch
    {
        LeadBulkAction.AssignOwner => "leads.bulk-assigned",
        LeadBulkAction.ChangeStatus => "leads.bulk-status-changed",
        LeadBulkAction.SetCallback => "leads.bulk-callback-set",
        LeadBulkAction.AddNote => "leads.bulk-noted",
        LeadBulkAction.Delete => "leads.bulk-deleted",
        _ => "leads.bulk-" + action.Kind,
    };

    /// <summary>What a job needs to (re)run an operation: stored in <see cref="BulkOperation.Parameters"/>.</summary>
    internal sealed record Parameters(LeadSelectionQuery.Stored Selection, LeadBulkAction Action, Guid? Cursor);
}
