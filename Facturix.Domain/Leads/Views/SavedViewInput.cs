using Facturix.Domain.Users;
using FluentValidation;

namespace Facturix.Domain.Leads.Views;

/// <summary>What the "Save view" dialog edits: the chip's name, whether the team sees it, and the screen state it stores.</summary>
public sealed class SavedViewInput
{
    public const int NameMaxLength = 80;

    public string Name { get; set; } = "";

    /// <summary>Shared views are listed for the whole team and may be a campaign's preset; only <see cref="SavedViewRules.CanShare"/>.</summary>
    public bool IsShared { get; set; }

    public LeadViewDefinition Definition { get; set; } = LeadViewDefinition.Default;
}

/// <summary>Codes only, worded by the App's ErrorStrings. The dialog runs it as the person types; the service again before writing.</summary>
public sealed class SavedViewInputValidator : AbstractValidator<SavedViewInput>
{
    public SavedViewInputValidator()
    {
        RuleFor(v => v.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithErrorCode("view.name.required")
            .Must(n => n.Trim().Length <= SavedViewInput.NameMaxLength).WithErrorCode("view.name.too-long");
        RuleFor(v => v.Definition).NotNull().WithErrorCode("view.definition.required");
    }
}

/// <summary>Who may do what with views beyond their own private ones: one rule for the service and the chips.</summary>
public static class SavedViewRules
{
    /// <summary>
    /// Sharing a view with the team and choosing a campaign's preset are configuration of how the team works, so they
    /// follow <see cref="Capability.CampaignsConfigure"/> (managers and admins by default; docs/decisions/0036).
    /// </summary>
    public static bool CanShare(Actor actor) => actor.Can(Capability.CampaignsConfigure);

    /// <summary>Someone else's shared view may be deleted by agency-wide configurers (admins by default); private views stay private.</summary>
    public static bool CanDeleteOthers(Actor actor) => CanShare(actor) && actor.HasAgencyScope;

    public static bool CanDelete(Actor actor, SavedViewRow view) => view.IsMine || (view.IsShared && CanDeleteOthers(actor));
}
