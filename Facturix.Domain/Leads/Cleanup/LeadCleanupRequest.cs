using FluentValidation;

namespace Facturix.Domain.Leads.Cleanup;

/// <summary>A clean-up's selection and helpers, validated as one (the dialog and the service run the same rules).</summary>
public sealed record LeadCleanupRequest(LeadSelection Selection, LeadCleanupOptions Options)
{
    /// <summary>Most ticked ids one request takes (the list's pages are far smaller; "all matching" has no cap).</summary>
    public const int MaxIds = 10_000;
}

/// <summary>
/// At least one helper; ticked leads, or else "all matching" restricted to one campaign: a clean-up across every
/// campaign in scope is too broad to preview meaningfully (docs/decisions/0040).
/// </summary>
public sealed class LeadCleanupRequestValidator : AbstractValidator<LeadCleanupRequest>
{
    public LeadCleanupRequestValidator()
    {
        RuleFor(r => r.Options.Helpers).NotEmpty().WithErrorCode("cleanup.helpers.empty");
        RuleFor(r => r.Selection.Ids).NotEmpty().WithErrorCode("cleanup.selection.empty")
            .When(r => !r.Selection.IsAllMatching);
        RuleFor(r => r.Selection.Ids!.Count).LessThanOrEqualTo(LeadCleanupRequest.MaxIds).WithErrorCode("cleanup.selection.too-many")
            .When(r => r.Selection.Ids is not null);
        RuleFor(r => r.Selection.Matching!.CampaignId).NotNull().WithErrorCode("cleanup.selection.campaign-required")
            .When(r => r.Selection.IsAllMatching);
    }
}
