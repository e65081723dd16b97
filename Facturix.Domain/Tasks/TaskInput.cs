using FluentValidation;

namespace Facturix.Domain.Tasks;

/// <summary>What a person types to create a task. Validated in the form and again in the service.</summary>
public sealed class TaskInput
{
    public string Title { get; set; } = "";
    public string? Notes { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    /// <summary>Null: the person creating it.</summary>
    public Guid? AssigneeId { get; set; }
    public Guid? LeadId { get; set; }
}

/// <summary>Codes only ("task.field.rule"): the App words each code in French and English (ErrorStrings).</summary>
public sealed class TaskInputValidator : AbstractValidator<TaskInput>
{
    /// <summary>The column's size (<c>tasks.title</c>).</summary>
    public const int TitleMaxLength = 300;
    public const int NotesMaxLength = 4000;

    public TaskInputValidator()
    {
        RuleFor(t => t.Title).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithErrorCode("task.title.required")
            .MaximumLength(TitleMaxLength).WithErrorCode("task.title.too-long");
        RuleFor(t => t.Notes).MaximumLength(NotesMaxLength).WithErrorCode("task.notes.too-long");
        RuleFor(t => t.Priority).IsInEnum().WithErrorCode("task.priority.invalid");
    }
}
