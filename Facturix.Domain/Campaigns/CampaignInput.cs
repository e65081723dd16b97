using FluentValidation;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// What a person types to create a campaign or edit its overview (name, objective, target, dates). Validated in the
/// form and again in the service. <see cref="AccountId"/> is read on create only: a campaign never changes client.
/// </summary>
public sealed class CampaignInput
{
    public Guid? AccountId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Objective { get; set; }
    public int? TargetCount { get; set; }
    public DateTime? StartsOn { get; set; }
    public DateTime? EndsOn { get; set; }
}

/// <summary>Codes only ("campaign.field.rule"); the App words them (ErrorStrings).</summary>
public sealed class CampaignInputValidator : AbstractValidator<CampaignInput>
{
    public const int NameMaxLength = 200;
    public const int ObjectiveMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    public CampaignInputValidator()
    {
        RuleFor(c => c.AccountId)
            .NotEmpty().WithErrorCode("campaign.account.required");
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("campaign.name.required")
            .MaximumLength(NameMaxLength).WithErrorCode("campaign.name.too-long");
        RuleFor(c => c.Objective)
            .MaximumLength(ObjectiveMaxLength).WithErrorCode("campaign.objective.too-long");
        RuleFor(c => c.Description)
            .MaximumLength(DescriptionMaxLength).WithErrorCode("campaign.description.too-long");
        RuleFor(c => c.TargetCount)
            .GreaterThanOrEqualTo(1).WithErrorCode("campaign.target.min")
            .When(c => c.TargetCount is not null);
        // On the end date: that is the field a person fixes when the period is backwards.
        RuleFor(c => c.EndsOn)
            .Must((c, ends) => ends!.Value.Date > c.StartsOn!.Value.Date).WithErrorCode("campaign.ends-on.before-start")
            .When(c => c.StartsOn is not null && c.EndsOn is not null);
    }
}
