using Facturix.Domain.Users;

namespace Facturix.Domain.Workspace;

/// <summary>What the BD reads while calling: the campaign's script filled from the lead (2.2.3) and the lead's context (2.2.6).</summary>
public interface IWorkspaceContext
{
    /// <summary>The script with tokens filled from the lead, and the objection answers.</summary>
    Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default);

    /// <summary>Recent calls, emails, notes and tasks of the lead, and the other leads of its company in this campaign.</summary>
    Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default);
}

public sealed record WorkspaceScript(string Html, IReadOnlyList<WorkspaceObjection> Objections);

public sealed record WorkspaceObjection(string Question, string AnswerHtml);

public sealed record WorkspaceLeadContext(IReadOnlyList<ContextActivity> Recent, IReadOnlyList<SameCompanyLead> SameCompany);

/// <param name="Skipped">The note a skip left (<see cref="Activities.Activity.SkipSubject"/>): the screen words it, the summary is the reason.</param>
public sealed record ContextActivity(Guid Id, Activities.ActivityKind Kind, DateTimeOffset OccurredAt, string? UserName, string? Summary,
    Activities.CallOutcome? Outcome, int? DurationSeconds, bool Skipped = false);

public sealed record SameCompanyLead(Guid Id, string DisplayName, string? JobTitle, Leads.LeadStatus Status, string? LockedByEmail);
