using System.Globalization;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Calls;

internal sealed class CallService(
    IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, IAircallClient aircall, AircallCredentials credentials) : ICallService
{
    private const int SearchLimit = 20;

    public async Task<bool> CanDialAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        if (!actor.Can(Capability.WorkspaceWork)) return false;
        if (await AircallUserOfAsync(actor, ct) is null) return false;
        return (await credentials.GetAsync(ct)).CanCallApi;
    }

    public async Task DialAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        string? phone;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var lead = await Scope.Leads(db, actor).Where(l => l.Id == leadId).Select(l => new { l.Phone }).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("lead", leadId);
            phone = lead.Phone;
        }
        var aircallUser = await AircallUserOfAsync(actor, ct)
            ?? throw new AircallException(AircallErrors.NoLinkedUser, $"{actor.Email} has no Aircall user linked.");
        if (string.IsNullOrEmpty(phone) || E164.Read(phone, null).E164 is not { } e164)
            throw new AircallException(AircallErrors.NoPhone, $"Lead {leadId} has no E.164 phone.");
        await aircall.DialAsync(aircallUser, e164, ct);
    }

    public async Task<CallRecordingLink> GetRecordingLinkAsync(Actor actor, Guid activityId, CancellationToken ct = default)
    {
        actor.Demand(Capability.LeadsRead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = Scope.Leads(db, actor).Select(l => l.Id);
        var users = Scope.Users(db, actor).Select(u => u.Id);
        // A call on a lead the actor sees, or an unmatched call of someone in their scope (the unmatched page plays it too).
        var call = await db.Activities
            .Where(a => a.Id == activityId && a.ExternalSource == AircallCallProcessor.Source)
            .Where(a => a.LeadId != null ? leads.Contains(a.LeadId.Value)
                : actor.HasAgencyScope || a.UserId != null && actor.Can(Capability.AnalyticsTeam) && users.Contains(a.UserId.Value))
            .Select(a => new { a.ExternalId })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("activity", activityId);
        var callId = long.Parse(call.ExternalId!, CultureInfo.InvariantCulture);
        var links = await aircall.GetCallLinksAsync(callId, ct);
        if (links.Recording is { Length: > 0 } recording) return new CallRecordingLink(recording, IsVoicemail: false);
        if (links.Voicemail is { Length: > 0 } voicemail) return new CallRecordingLink(voicemail, IsVoicemail: true);
        throw new AircallException(AircallErrors.NoRecording, $"Aircall call {callId} has no recording.");
    }

    public async Task<PagedResult<UnmatchedCall>> ListUnmatchedAsync(Actor actor, PageRequest page, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Unmatched(db, actor);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id)
            .Skip(page.Skip).Take(page.Take)
            .Select(a => new
            {
                a.Id, a.ExternalId, a.Subject, a.Direction, a.Outcome, a.DurationSeconds, a.OccurredAt,
                UserName = db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new PagedResult<UnmatchedCall>(rows.Select(r => new UnmatchedCall(
            r.Id, long.Parse(r.ExternalId!, CultureInfo.InvariantCulture), r.Subject, r.Direction,
            r.Outcome is CallOutcome.NoAnswer or CallOutcome.Voicemail, r.DurationSeconds, r.OccurredAt, r.UserName)).ToList(), total);
    }

    public async Task<IReadOnlyList<CallLeadChoice>> SearchLeadsAsync(Actor actor, string text, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        var term = (text ?? "").Trim();
        if (term.Length < 2) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pattern = LikePattern.Containing(term);
        var phone = E164.Read(term, "FR").E164;
        return await Scope.Leads(db, actor)
            .Where(l => EF.Functions.ILike((l.FirstName ?? "") + " " + (l.LastName ?? ""), pattern, LikePattern.Escape)
                || EF.Functions.ILike(l.Company, pattern, LikePattern.Escape)
                || (phone != null && l.Phone == phone))
            .OrderBy(l => l.LastName).ThenBy(l => l.FirstName)
            .Take(SearchLimit)
            .Select(l => new CallLeadChoice(l.Id, (l.FirstName ?? "") + " " + (l.LastName ?? ""), l.Company, l.Phone,
                db.Campaigns.Where(c => c.Id == l.CampaignId).Select(c => c.Name).First()))
            .ToListAsync(ct);
    }

    public async Task AttachAsync(Actor actor, Guid activityId, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var call = await db.Activities.Where(a => a.ExternalSource == AircallCallProcessor.Source)
            .Where(a => a.Id == activityId)
            .Where(a => a.LeadId != null || Unmatched(db, actor).Any(u => u.Id == a.Id))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("activity", activityId);
        if (call.LeadId is not null)
            throw new ConflictException(AircallErrors.AlreadyAttached, $"Call activity {activityId} is already on lead {call.LeadId}.");
        var lead = await Scope.Leads(db, actor).Where(l => l.Id == leadId)
            .Select(l => new { l.Id, l.CampaignId, l.AccountId, Name = (l.FirstName ?? "") + " " + (l.LastName ?? "") })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("lead", leadId);

        (call.LeadId, call.CampaignId, call.AccountId) = (lead.Id, lead.CampaignId, lead.AccountId);
        db.Audit(actor, clock.GetUtcNow(), "call.attached", "activity", call.Id, $"Aircall {call.ExternalId} → {lead.Name}",
            before: new { LeadId = (Guid?)null }, after: new { LeadId = lead.Id, CallId = call.ExternalId });
        db.Publish(new ActivityLogged(call.Id, ActivityKind.Call, lead.Id, lead.CampaignId, call.UserId));
        db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Aircall calls on no lead, made by someone in the actor's scope; calls of nobody known only with agency scope.</summary>
    private static IQueryable<Activity> Unmatched(FacturixDb db, Actor actor)
    {
        var calls = db.Activities.Where(a => a.ExternalSource == AircallCallProcessor.Source && a.LeadId == null);
        if (actor.HasAgencyScope) return calls;
        var users = Scope.Users(db, actor).Select(u => u.Id);
        return calls.Where(a => a.UserId != null && users.Contains(a.UserId.Value));
    }

    private async Task<long?> AircallUserOfAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.AircallUserId).FirstOrDefaultAsync(ct);
    }
}
