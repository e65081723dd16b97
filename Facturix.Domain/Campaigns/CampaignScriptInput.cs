using FluentValidation;

namespace Facturix.Domain.Campaigns;

/// <summary>What a person edits on a campaign's Script tab: the call script and its objection/answer pairs, in order.</summary>
public sealed class CampaignScriptInput
{
    /// <summary>Markdown with tokens (<see cref="ScriptTemplate"/>); empty means no script.</summary>
    public string? Script { get; set; }

    public List<ObjectionInput> Objections { get; set; } = [];
}

/// <summary>One objection a prospect may raise and the BD's answer (Markdown, tokens allowed).</summary>
public sealed class ObjectionInput
{
    public string Objection { get; set; } = "";
    public string Answer { get; set; } = "";
}

/// <summary>Codes only, worded by the App's ErrorStrings. The form runs it as the person types; the service again before writing.</summary>
public sealed class CampaignScriptInputValidator : AbstractValidator<CampaignScriptInput>
{
    public const int ScriptMaxLength = 20_000;
    public const int MaxObjections = 50;

    public CampaignScriptInputValidator()
    {
        RuleFor(s => s.Script).MaximumLength(ScriptMaxLength).WithErrorCode("script.script.too-long");
        RuleFor(s => s.Objections).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("script.objections.required")
            .Must(o => o.Count <= MaxObjections).WithErrorCode("script.objections.too-many");
        RuleForEach(s => s.Objections).NotNull().WithErrorCode("script.objections.required")
            .SetValidator(new ObjectionInputValidator());
    }
}

public sealed class ObjectionInputValidator : AbstractValidator<ObjectionInput>
{
    public const int ObjectionMaxLength = 300;
    public const int AnswerMaxLength = 5_000;

    public ObjectionInputValidator()
    {
        RuleFor(o => o.Objection).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("script.objection.required")
            .MaximumLength(ObjectionMaxLength).WithErrorCode("script.objection.too-long");
        RuleFor(o => o.Answer).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("script.answer.required")
            .MaximumLength(AnswerMaxLength).WithErrorCode("script.answer.too-long");
    }
}
