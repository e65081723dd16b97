using Facturix.Domain.Users;

namespace Facturix.Domain.Workspace;

/// <summary>What the BD reads while calling: the campaign's script filled from the lead (2.2.3) and the lead's context (2.2.6).</summary>
public interface IWorkspaceContext
{
    /// <summary>The script with tokens filled from the lead, and the objection answers.</summary>
    Task<WorkspaceScript> GetScriptAsync(Actor actor, Guid leadId, CancellationToken ct = default);

    /// <summary>Recent calls, emails, notes and tasks of the lead, its open tasks, and the other leads of its company in this campaign.</summary>
    Task<WorkspaceLeadContext> GetContextAsync(Actor actor, Guid leadId, CancellationToken ct = default);
}

public sealed record WorkspaceScript(string Html, IReadOnlyList<WorkspaceObjection> Objections);

public sealed record WorkspaceObjection(string Question, string AnswerHtml);

public sealed record WorkspaceLeadContext(IReadOnlyList<ContextActivity> Recent, IReadOnlyList<SameCompanyLead> SameCompany)
{
    /// <summary>
    /// The lead's open tasks (the to-dos of the tasks table, not task activities), soonest due first, as the lead page lists
    /// them: "send the brochure before calling back" must be in front of the BD who calls.
    /// </summary>
    public IReadOnlyList<Leads.LeadTaskRow> OpenTasks { get; init; } = [];
}

/// <param name="Skipped">The note a skip left (<see cref="Activities.Activity.SkipSubject"/>): the screen words it, the summary is the reason.</param>
public sealed record ContextActivity(Guid Id, Activities.ActivityKind Kind, DateTimeOffset OccurredAt, string? UserName, string? Summary,
    Activities.CallOutcome? Outcome, int? DurationSeconds, bool Skipped = false);

public sealed record SameCompanyLead(Guid Id, string DisplayName, string? JobTitle, Leads.LeadStatus Status, string? LockedByEmail);
