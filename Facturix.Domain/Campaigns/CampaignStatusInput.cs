using Facturix.Domain.Leads;
using FluentValidation;

namespace Facturix.Domain.Campaigns;

/// <summary>What a person types to add or edit one status of a campaign. Validated in the form and again in the service.</summary>
public sealed class CampaignStatusInput
{
    public string Label { get; set; } = "";
    /// <summary>The global stage the status maps onto; it decides the status's <see cref="StatusCategory"/>.</summary>
    public LeadStatus Stage { get; set; } = LeadStatus.Attempted;
    /// <summary>"#RRGGBB", or null for the default chip colour.</summary>
    public string? Color { get; set; }
}

/// <summary>Codes only ("status.field.rule"); the App words them (ErrorStrings).</summary>
public sealed class CampaignStatusInputValidator : AbstractValidator<CampaignStatusInput>
{
    public const int LabelMaxLength = 100;

    public CampaignStatusInputValidator()
    {
        RuleFor(s => s.Label).Cascade(CascadeMode.Stop)
            .NotEmpty().WithErrorCode("status.label.required")
            .MaximumLength(LabelMaxLength).WithErrorCode("status.label.too-long");
        RuleFor(s => s.Stage).IsInEnum().WithErrorCode("status.stage.unknown");
        RuleFor(s => s.Color)
            .Matches("^#[0-9A-Fa-f]{6}$").WithErrorCode("status.color.format")
            .When(s => !string.IsNullOrEmpty(s.Color));
    }
}
