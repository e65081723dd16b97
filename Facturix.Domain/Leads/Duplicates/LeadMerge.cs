namespace Facturix.Domain.Leads.Duplicates;

/// <summary>
/// The record of one merge (backlog 2.3.6): what the surviving lead looked like before, the merged lead as it was
/// (it is deleted), and which activities and tasks moved, so that <c>undo</c> restores both leads exactly.
/// </summary>
public sealed class LeadMerge
{
    public Guid Id { get; set; }
    public Guid SurvivorId { get; set; }
    public Guid MergedLeadId { get; set; }
    /// <summary>JSON of the merged (deleted) lead's row.</summary>
    public required string MergedLeadSnapshot { get; set; }
    /// <summary>JSON of the survivor's fields before the merge.</summary>
    public required string SurvivorBefore { get; set; }
    public List<Guid> MovedActivityIds { get; set; } = [];
    public List<Guid> MovedTaskIds { get; set; } = [];
    public Guid MergedById { get; set; }
    public DateTimeOffset MergedAt { get; set; }
    public DateTimeOffset? UndoneAt { get; set; }
    public Guid? UndoneById { get; set; }
}
