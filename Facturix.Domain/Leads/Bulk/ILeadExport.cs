using Facturix.Domain.Users;

namespace Facturix.Domain.Leads.Bulk;

/// <summary>
/// CSV export of the leads list's selection (<see cref="Capability.LeadsExport"/>), written straight to a stream as rows
/// are read, so 100,000 leads never sit in memory (docs/decisions/0038). Audited before the first row leaves.
/// </summary>
public interface ILeadExport
{
    /// <summary>Writes the selection's leads, the request's columns in its order, to <paramref name="output"/>; returns the number of rows.</summary>
    Task<int> ExportCsvAsync(Actor actor, LeadSelection selection, LeadExportRequest request, Stream output, CancellationToken ct = default);
}

/// <summary>
/// How the file looks: the columns (keys of <see cref="Views.LeadColumns"/>, unknown ones ignored), the separator
/// (<c>;</c>, what French Excel expects, or <c>,</c>), the header text per column key (the person's language; the key
/// itself when missing), the label of each global stage for the status column, and the row order: the list's sort
/// (<see cref="LeadListQuery.Sort"/> keys, the same order the list pages through, status by pipeline order); null is
/// the list's own default (newest first, or as typed first for a search). <see cref="Search"/> is the search the list
/// showed when the rows were ticked: it orders a ticked selection as the list did (as typed first); it selects nothing.
/// </summary>
public sealed record LeadExportRequest(
    IReadOnlyList<string> Columns,
    char Separator = ';',
    IReadOnlyDictionary<string, string>? Headers = null,
    IReadOnlyDictionary<LeadStatus, string>? StageLabels = null,
    string? SortBy = null,
    bool SortDescending = false,
    string? Search = null)
{
    public static IReadOnlyList<char> Separators { get; } = [';', ','];
}
