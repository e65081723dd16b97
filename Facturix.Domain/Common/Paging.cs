namespace Facturix.Domain.Common;

/// <summary>
/// One page of a server-side list (MudDataGrid's ServerData): which page, how big, sorted by which column.
/// <see cref="SortBy"/> is a column name the service knows (unknown names fall back to the list's default order);
/// services clamp <see cref="PageSize"/> to <see cref="MaxPageSize"/> so no caller can ask for the whole table.
/// </summary>
public sealed record PageRequest(int Page = 0, int PageSize = 25, string? SortBy = null, bool SortDescending = false)
{
    public const int MaxPageSize = 200;

    public int Skip => Math.Max(0, Page) * Take;

    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>The rows of one page and how many rows the whole filtered list has (for the pager).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount)
{
    public static PagedResult<T> Empty { get; } = new([], 0);
}
