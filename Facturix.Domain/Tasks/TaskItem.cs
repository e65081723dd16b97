namespace Facturix.Domain.Tasks;

/// <summary>A to-do for a staff member, usually a follow-up on a lead. Named TaskItem to avoid System.Threading.Tasks.Task.</summary>
public sealed class TaskItem
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public string? Notes { get; set; }
    public Guid AssigneeId { get; set; }
    public Guid? CreatedById { get; set; }
    public Guid? LeadId { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? CampaignId { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpen => CompletedAt is null;
}

public enum TaskPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
}
