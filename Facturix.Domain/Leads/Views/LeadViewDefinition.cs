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

    public static IReadOnlyList<string> All { get; } =
        [Name, Company, Campaign, Status, Score, Owner, Email, Phone, Country, Created, LastActivity];

    public static IReadOnlyList<string> Default => All;

    public static bool IsKnown(string key) => All.Contains(key, StringComparer.Ordinal);
}
