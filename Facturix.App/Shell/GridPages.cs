using Facturix.Domain.Common;
using MudBlazor;

namespace Facturix.App.Shell;

/// <summary>
/// The step back a server-paged <see cref="MudDataGrid{T}"/> takes when a reload finds its page emptied (its rows archived
/// or deleted, here or by someone else) while earlier pages still have rows: the last of those, as the hand-paged lists do
/// (<see cref="PageRequest.LastPageIndex"/>, unmatched calls and duplicates). Left alone, MudDataGrid 9.12 goes back to the
/// first page once its page is past the end (page × size ≥ total), far from where the reader was (decision 0081).
/// Call it from the grid's ServerData with the page it just read:
/// <code>
/// _grid.StepBackIfEmptied(state, result);
/// </code>
/// </summary>
public static class GridPages
{
    public static void StepBackIfEmptied<T>(this MudDataGrid<T>? grid, GridState<T> state, PagedResult<T> read)
    {
        if (grid is null || read.Items.Count > 0 || state.Page == 0 || read.TotalCount == 0) return;
        // The grid reads the new page itself when its page moves (and drops the read under way): no second query here.
        // NavigateTo(Page.Last) would count the pages from the total the grid held before this read, hence the setter.
#pragma warning disable BL0005 // setting a parameter from outside: the grid's own way to change page from code
        grid.CurrentPage = PageRequest.LastPageIndex(read.TotalCount, state.PageSize);
#pragma warning restore BL0005
    }
}
