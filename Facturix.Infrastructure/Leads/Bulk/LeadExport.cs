using System.Globalization;
using CsvHelper;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Leads.Bulk;

/// <summary>
/// <see cref="ILeadExport"/>: one query read row by row (<c>AsAsyncEnumerable</c>, Npgsql streams the result) and written
/// as it comes to the output through CsvHelper's buffered writer, so memory stays flat whatever the count
/// (docs/decisions/0038). UTF-8 with BOM, the chosen separator, every text cell through <see cref="CsvCells.Neutralise"/>.
/// </summary>
internal sealed class LeadExport(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : ILeadExport
{
    /// <summary>Tag on the export's query (EXPLAIN and the streaming test find it by it).</summary>
    public const string QueryTag = "leads.export";

    public async Task<int> ExportCsvAsync(Actor actor, LeadSelection selection, LeadExportRequest request, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Capability.LeadsExport);
        if (!LeadExportRequest.Separators.Contains(request.Separator))
            throw Refusals.Invalid(nameof(LeadExportRequest.Separator), ErrorCodes.LeadExportSeparatorInvalid, request.Separator);
        var columns = request.Columns.Where(LeadColumns.IsKnown).Distinct().ToList();
        if (columns.Count == 0) columns = LeadColumns.Default.ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await LeadSelectionQuery.EnsureAllVisibleAsync(db, actor, selection, ct);
        var leads = await LeadSelectionQuery.LeadsAsync(db, actor, selection, ct);

        // Audited before a single row leaves (like the audit log's export): an interrupted download is still on record.
        db.Audit(actor, clock.GetUtcNow(), "leads.exported", "lead", null, null,
            after: new
            {
                columns, separator = request.Separator.ToString(), sort = request.SortBy, descending = request.SortDescending,
                selection = LeadSelectionQuery.ForAudit(selection),
            });
        await db.SaveChangesAsync(ct);

        // The list's own order (LeadQueries.Sort): the rows come as the person saw them, in one ORDER BY that PostgreSQL
        // sorts while Npgsql still streams the result. A search's "as typed first" needs the search: an "all matching"
        // selection carries it, ticked rows get the list's from the request (they came newest first under a search).
        var order = new PageRequest(SortBy: request.SortBy, SortDescending: request.SortDescending);
        var sorted = LeadQueries.Sort(db, leads, selection.Matching ?? OrderOnly(request.Search), order);
        var rows = sorted.TagWith(QueryTag).Select(l => new Row(
            l.FirstName, l.LastName, l.Company,
            db.Campaigns.Where(c => c.Id == l.CampaignId).Select(c => c.Name).First(),
            l.Status,
            db.CampaignStatuses.Where(s => s.Id == l.CampaignStatusId).Select(s => s.Label).FirstOrDefault(),
            l.Score,
            db.Users.Where(u => u.Id == l.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            l.Email, l.Phone, l.Country, l.CreatedAt, l.LastActivityAt)).AsNoTracking();

        var options = CsvWriterOptions.Default with
        {
            WriteByteOrderMark = true, Separator = request.Separator, FormatProvider = CultureInfo.InvariantCulture,
        };
        var written = 0;
        await using (var csv = CsvWriter.Create(output, options, leaveOpen: true))
        {
            await csv.WriteRecordAsync(columns.Select(c => CsvCells.Neutralise(request.Headers?.GetValueOrDefault(c) ?? c)!).ToArray(), ct);
            var cells = new string?[columns.Count];
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                for (var i = 0; i < columns.Count; i++)
                    cells[i] = Cell(row, columns[i], request);
                await csv.WriteRecordAsync(cells!, ct);
                written++;
            }
        }
        await output.FlushAsync(ct);
        return written;
    }

    /// <summary>A query that only orders (Sort reads its search; nothing here filters by it): at most five words count, as in the list.</summary>
    private static LeadListQuery OrderOnly(string? search) =>
        string.IsNullOrWhiteSpace(search) ? LeadListQuery.Empty : LeadListQuery.Empty with { Search = search };

    private static string? Cell(Row row, string column, LeadExportRequest request) => column switch
    {
        LeadColumns.Name => CsvCells.Neutralise(string.Join(' ', new[] { row.FirstName, row.LastName }.Where(p => !string.IsNullOrWhiteSpace(p)))),
        LeadColumns.Company => CsvCells.Neutralise(row.Company),
        LeadColumns.Campaign => CsvCells.Neutralise(row.Campaign),
        LeadColumns.Status => CsvCells.Neutralise(row.StatusLabel ?? request.StageLabels?.GetValueOrDefault(row.Status) ?? row.Status.ToString()),
        LeadColumns.Score => row.Score.ToString(CultureInfo.InvariantCulture),
        LeadColumns.Owner => CsvCells.Neutralise(row.Owner),
        LeadColumns.Email => CsvCells.Neutralise(row.Email),
        // A phone is E.164 ("+33…"): neutralised like any cell, so a spreadsheet shows it as text rather than a formula.
        LeadColumns.Phone => CsvCells.Neutralise(row.Phone),
        LeadColumns.Country => CsvCells.Neutralise(row.Country.Trim()),
        LeadColumns.Created => Utc(row.CreatedAt),
        LeadColumns.LastActivity => row.LastActivityAt is { } at ? Utc(at) : null,
        _ => null,
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Row(
        string? FirstName, string? LastName, string Company, string Campaign, LeadStatus Status, string? StatusLabel, int Score,
        string? Owner, string? Email, string? Phone, string Country, DateTimeOffset CreatedAt, DateTimeOffset? LastActivityAt);
}
