using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Import;

internal sealed partial class ImportService
{
    public async Task<IReadOnlyList<ImportRejectReason>> RejectReasonsAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await FindAsync(db, actor, importId, ct);
        // One pass over the import's rejects on their primary key (import_id, line_number): tens of thousands of rows sum up
        // in milliseconds. The array is sliced in SQL, so only the first lines of each reason travel. Columns in snake_case:
        // the naming convention maps ReasonRow's properties too.
        var rows = await db.Database.SqlQuery<ReasonRow>($"""
            SELECT reason, count(*) AS count,
                   (array_agg(line_number ORDER BY line_number))[1:{IImportService.ReasonLines}] AS first_lines
            FROM import_rejects
            WHERE import_id = {import.Id}
            GROUP BY reason
            ORDER BY count(*) DESC, reason
            """).ToListAsync(ct);
        return rows.Select(r => new ImportRejectReason(r.Reason, r.Count, r.FirstLines)).ToList();
    }

    private sealed class ReasonRow
    {
        public required string Reason { get; init; }
        public long Count { get; init; }
        public required long[] FirstLines { get; init; }
    }
}
