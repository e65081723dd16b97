using FluentValidation;

namespace Facturix.Domain.Campaigns;

/// <summary>What a person types to add or edit a call outcome of a campaign (backlog 2.2.2).</summary>
public sealed class CampaignOutcomeInput
{
    public string Label { get; set; } = "";
    /// <summary>1-9, unique in the campaign; null for an outcome without a shortcut.</summary>
    public int? Hotkey { get; set; }
    /// <summary>The campaign status the lead moves to; null leaves the lead's status as it is.</summary>
    public Guid? TargetStatusId { get; set; }
    /// <summary>Schedules the next call this many minutes later; null schedules nothing.</summary>
    public int? CallbackDelayMinutes { get; set; }
    /// <summary>The BD must pick the callback date (instead of a fixed delay).</summary>
    public bool RequiresCallbackDate { get; set; }
    public bool RequiresNote { get; set; }
    public bool CountsAsContact { get; set; }
    public bool CountsAsConversion { get; set; }
}

/// <summary>
/// Codes only ("outcome.field.rule"). Hotkey uniqueness is a rule of its own here so the form refuses a duplicate
/// before saving: build the validator with the hotkeys of the campaign's other outcomes. The service does the same
/// with what the database holds, and the unique index is the last guard.
/// </summary>
public sealed class CampaignOutcomeInputValidator : AbstractValidator<CampaignOutcomeInput>
{
    public const int LabelMaxLength = 100;
    public const int MaxCallbackDelayMinutes = 43_200; // 30 days

    /// <summary>The rules that need nothing but the input (DI and the coverage test build it this way).</summary>
    public CampaignOutcomeInputValidator() : this(Array.Empty<int>()) { }

    /// <param name="otherHotkeys">Hotkeys already used by the campaign's other outcomes.</param>
    public CampaignOutcomeInputValidator(IReadOnlyCollection<int> otherHotkeys)
    {
        var taken = otherHotkeys.ToHashSet();
        RuleFor(o => o.Label).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("outcome.label.required")
            .MaximumLength(LabelMaxLength).WithErrorCode("outcome.label.too-long");
        RuleFor(o => o.Hotkey).Cascade(CascadeMode.Stop)
            .InclusiveBetween(1, 9).WithErrorCode("outcome.hotkey.range")
            .Must(h => h is null || !taken.Contains(h.Value)).WithErrorCode("outcome.hotkey.taken")
            .When(o => o.Hotkey is not null);
        RuleFor(o => o.CallbackDelayMinutes).Cascade(CascadeMode.Stop)
            .InclusiveBetween(1, MaxCallbackDelayMinutes).WithErrorCode("outcome.callback-delay.range")
            .Must((o, _) => !o.RequiresCallbackDate).WithErrorCode("outcome.callback-delay.with-date")
            .When(o => o.CallbackDelayMinutes is not null);
    }
}
