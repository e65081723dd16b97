using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Workspace;

/// <summary>
/// <see cref="IWorkspaceContext"/>: what the BD reads while on the phone. Both reads belong to the workspace, so they
/// demand <see cref="Capability.WorkspaceWork"/> and the lead in the actor's scope (the lead page has its own timeline
/// under <see cref="Capability.LeadsRead"/>). Neither needs the lock: a manager watching a BD's lead reads the same.
/// </summary>
internal sealed class WorkspaceContext(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IWorkspaceContext
{
    /// <summary>About a screen's worth: the condensed timeline is a reminder, the lead page has the rest.</summary>
    public const int RecentCount = 10;
    public const int SameCompanyCount = 20;
    public const int OpenTaskCount = 10;
    public const int SummaryLength = 160;

    private static readonly ActivityKind[] ContextKinds = [ActivityKind.Call, ActivityKind.Email, ActivityKind.Note, ActivityKind.Task];

    public async Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await Scope.Leads(db, actor).Where(l => l.Id == leadId)
            .Select(l => new { l.CampaignId, l.FirstName, l.LastName, l.Company })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("lead", leadId);
        var script = await db.Campaigns.Where(c => c.Id == lead.CampaignId).Select(c => c.Script).SingleAsync(ct);
        var objections = await db.CampaignObjections.AsNoTracking()
            .Where(o => o.CampaignId == lead.CampaignId)
            .OrderBy(o => o.SortOrder)
            .Select(o => new { o.Objection, o.Answer })
            .ToListAsync(ct);

        // ScriptTemplate.Render is the only way a script becomes HTML (sanitized), exactly as the campaign's Script tab shows it.
        var sample = new ScriptSample(lead.FirstName ?? "", lead.LastName ?? "", lead.Company, actor.DisplayName);
        return new WorkspaceScript(
            ScriptTemplate.Render(script, sample),
            objections
                .Where(o => !string.IsNullOrWhiteSpace(o.Objection) || !string.IsNullOrWhiteSpace(o.Answer))
                .Select(o => new WorkspaceObjection(o.Objection, ScriptTemplate.Render(o.Answer, sample)))
                .ToList());
    }

    public async Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default)
    {
        actor.Demand(Capability.WorkspaceWork);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await Scope.Leads(db, actor).Where(l => l.Id == leadId)
            .Select(l => new { l.Id, l.CampaignId, l.Company })
            .FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("lead", leadId);

        // ix_activities_lead_id_occurred_at (descending) serves this newest-first read.
        var recent = await db.Activities.AsNoTracking()
            .Where(a => a.LeadId == leadId && ContextKinds.Contains(a.Kind))
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Take(RecentCount)
            .Select(a => new
            {
                a.Id, a.Kind, a.OccurredAt, a.Outcome, a.DurationSeconds, a.Subject, a.Body,
                UserName = db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var now = clock.GetUtcNow();
        var company = lead.Company.Trim().ToLower();
        // No index on company (and no migration here): the folded search text's trigram index narrows a large campaign
        // to the rows containing the name, then the exact (trimmed, case-insensitive) comparison decides.
        var containing = LikePattern.Containing(lead.Company);
        var sameCompany = await db.Leads.AsNoTracking()
            .Where(l => l.CampaignId == lead.CampaignId && l.Id != lead.Id
                && EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(containing), LikePattern.Escape)
                && l.Company.Trim().ToLower() == company)
            .OrderBy(l => l.LastName).ThenBy(l => l.FirstName).ThenBy(l => l.Id)
            .Take(SameCompanyCount)
            .Select(l => new
            {
                l.Id, l.FirstName, l.LastName, l.JobTitle, l.Status,
                LockedByEmail = l.LockedById != null && l.LockExpiresAt > now
                    ? db.Users.Where(u => u.Id == l.LockedById).Select(u => u.Email).FirstOrDefault()
                    : null,
            })
            .ToListAsync(ct);

        // The to-dos of the tasks table, in the lead page's order.
        var openTasks = await LeadOpenTasks.Of(db, leadId).Take(OpenTaskCount).ToListAsync(ct);

        return new WorkspaceLeadContext(
            recent.Select(a => IsSkip(a.Kind, a.Subject)
                ? new ContextActivity(a.Id, a.Kind, a.OccurredAt, a.UserName, Summarize(null, a.Body), a.Outcome, a.DurationSeconds, Skipped: true)
                : new ContextActivity(a.Id, a.Kind, a.OccurredAt, a.UserName, Summarize(a.Subject, a.Body), a.Outcome, a.DurationSeconds)).ToList(),
            sameCompany.Select(l => new SameCompanyLead(
                l.Id, string.Join(' ', new[] { l.FirstName, l.LastName }.Where(p => !string.IsNullOrWhiteSpace(p))), l.JobTitle, l.Status, l.LockedByEmail)).ToList())
        {
            OpenTasks = openTasks,
        };
    }

    /// <summary>A skip's note, whose stored subject is a marker for the screen to word, not words to show.</summary>
    private static bool IsSkip(ActivityKind kind, string? subject) => kind == ActivityKind.Note && subject == Activity.SkipSubject;

    /// <summary>One line: the subject, then the body's start, whitespace collapsed and cut at <see cref="SummaryLength"/>.</summary>
    internal static string? Summarize(string? subject, string? body)
    {
        var parts = new[] { subject, body }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => string.Join(' ', p!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var text = string.Join(" · ", parts);
        if (text.Length == 0) return null;
        return text.Length <= SummaryLength ? text : string.Concat(text.AsSpan(0, SummaryLength - 1).TrimEnd(), "…");
    }
}
