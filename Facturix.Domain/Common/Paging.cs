namespace Facturix.Domain.Common;

/// <summary>
/// One page of a server-side list (MudDataGrid's ServerData): which page, how big, sorted by which column.
/// <see cref="SortBy"/> is a column name the service knows (unknown names fall back to the list's default order);
/// services clamp <see cref="PageSize"/> to <see cref="MaxPageSize"/> so no caller can ask for the whole table.
/// </summary>
public sealed record PageRequest(int Page = 0, int PageSize = 25, string? SortBy = null, bool SortDescending = false)
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// Rows before the page. Multiplied in 64 bits and capped: a page number from a URL or a crafted call times the size
    /// wrapped to a negative int (page 10,737,419 × 200), and a negative OFFSET is an error in PostgreSQL. A page past
    /// the end is simply empty.
    /// </summary>
    public int Skip => (int)Math.Min((long)Math.Max(0, Page) * Take, int.MaxValue);

    public int Take => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>
    /// The index of the last page holding rows when the list has <paramref name="totalCount"/> of them (0 for none): where a
    /// page goes back to when a reload finds its own rows gone (the last row of the last page dealt with, here or by
    /// someone else) while earlier pages still have some. Without it the page read as "nothing left" and lost its pager.
    /// </summary>
    public static int LastPageIndex(int totalCount, int pageSize) =>
        totalCount <= 0 ? 0 : (totalCount - 1) / Math.Clamp(pageSize, 1, MaxPageSize);
}

/// <summary>The rows of one page and how many rows the whole filtered list has (for the pager).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount)
{
    public static PagedResult<T> Empty { get; } = new([], 0);
}
