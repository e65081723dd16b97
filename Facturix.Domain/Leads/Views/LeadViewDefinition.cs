namespace Facturix.Domain.Leads.Views;

/// <summary>How the leads list shows itself: a table (MudDataGrid) or a board by status of one campaign.</summary>
public enum LeadViewMode
{
    Table,
    Board,
}

/// <summary>
/// Everything the leads list's screen state is made of: what a saved view stores and a campaign preset applies.
/// <see cref="VisibleColumns"/> holds column keys (<see cref="LeadColumns"/>); empty means the default set.
/// </summary>
public sealed record LeadViewDefinition(
    LeadListQuery Query,
    string? SortBy = null,
    bool SortDescending = false,
    IReadOnlyList<string>? VisibleColumns = null,
    LeadViewMode Mode = LeadViewMode.Table)
{
    public static LeadViewDefinition Default { get; } = new(LeadListQuery.Empty);

    public IReadOnlyList<string> Columns => VisibleColumns is { Count: > 0 } columns ? columns : LeadColumns.Default;
}

/// <summary>Stable keys of the leads table's columns, shared by the grid, saved views and the CSV export.</summary>
public static class LeadColumns
{
    public const string Name = "name";
    public const string Company = "company";
    public const string Campaign = "campaign";
    public const string Status = "status";
    public const string Score = "score";
    public const string Owner = "owner";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Country = "country";
    public const string Created = "created";
    public const string LastActivity = "last-activity";

    /// <summary>
    /// Every column, in the grid's order (LeadsTable.razor lists them in this order; LeadsTableLayoutTests holds the two
    /// together). The grid lets a person hide columns but not move them, so this is also the order of what they see.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
        [Name, Company, Status, Score, Campaign, Owner, Email, Phone, Country, Created, LastActivity];

    public static IReadOnlyList<string> Default => All;

    /// <summary>
    /// The known columns among <paramref name="visible"/> in the grid's order: a saved view may list them in any order
    /// (older views stored the former order), and the export writes what the grid shows, left to right.
    /// </summary>
    public static IReadOnlyList<string> InGridOrder(IEnumerable<string> visible)
    {
        var shown = visible.ToHashSet(StringComparer.Ordinal);
        return All.Where(shown.Contains).ToList();
    }

    public static bool IsKnown(string key) => All.Contains(key, StringComparer.Ordinal);
}
