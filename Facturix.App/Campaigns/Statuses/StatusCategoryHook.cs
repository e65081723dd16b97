using Facturix.Domain.Leads;

namespace Facturix.App.Campaigns.Statuses;

/// <summary>The UI-contract spelling of a category (<c>data-category</c> on <c>status-row</c>): new, in-progress, won, lost, do-not-call.</summary>
public static class StatusCategoryHook
{
    public static string Of(StatusCategory category) => category switch
    {
        StatusCategory.New => "new",
        StatusCategory.InProgress => "in-progress",
        StatusCategory.Won => "won",
        StatusCategory.Lost => "lost",
        StatusCategory.DoNotCall => "do-not-call",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown status category."),
    };
}
