using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Facturix.Domain.Audit;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.Import;

/// <summary>The dry run: the whole file read and decided like the job would, its keys in a temp table dropped at commit; no lead written.</summary>
internal sealed partial class ImportService
{
    private const int ExampleCount = 5;

    public async Task<ImportDryRun> DryRunAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await FindAsync(db, actor, importId, ct);
        await ValidateAsync(import, settings, ct);
        var targets = await db.Campaigns.Where(c => c.Id == import.CampaignId).Select(c => c.TargetCountries).SingleAsync(ct);

        var context = new ImportRowContext(targets.ToHashSet(StringComparer.Ordinal), clock.GetUtcNow());
        var mapper = new ImportRowMapper(settings.Columns, LeadImportRunner.DefaultCountry(targets));
        var rejectedExamples = new List<ImportExampleRow>();
        long total = 0, rejected = 0;

        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        await LeadImportRunner.ExecuteAsync(connection, transaction,
            "CREATE TEMP TABLE import_dry_keys (line bigint NOT NULL, email text, phone text, siren character(9)) ON COMMIT DROP", ct);
        try
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY import_dry_keys (line, email, phone, siren) FROM STDIN (FORMAT BINARY)", ct);
            // In-batch duplicates are left to the SQL below, which sees the whole file: CreateAnyway skips the marking.
            foreach (var batch in ImportBatches.Read(reader, import.StoredPath, import.Kind, settings.Format, 0, Math.Max(1, options.Value.BatchSize)))
            {
                foreach (var row in ImportBatches.Process(batch, mapper, context))
                {
                    total++;
                    if (row.Lead is not { } lead)
                    {
                        rejected++;
                        if (rejectedExamples.Count < ExampleCount) rejectedExamples.Add(new(row.LineNumber, row.Values ?? [], row.Error));
                        continue;
                    }
                    copy.StartRow();
                    copy.Write(row.LineNumber, NpgsqlDbType.Bigint);
                    Text(copy, lead.Email);
                    Text(copy, lead.Phone);
                    Text(copy, lead.Siren);
                }
            }
            await copy.CompleteAsync(ct);
        }
        catch (ImportReadException ex)
        {
            log.LogWarning(ex.InnerException, "Dry run of import {ImportId}: the file could not be read.", importId);
            throw ex.InnerException as FacturixException ?? new ConflictException(ImportErrors.FileUnreadable, "The import file could not be read.", ex);
        }

        var counts = new Dictionary<string, (long Count, long[] Lines)>(StringComparer.Ordinal);
        await using (var command = LeadImportRunner.Command(connection, transaction, DryRunSql,
                         ("campaign", import.CampaignId), ("policy", settings.DuplicatePolicy.ToString()), ("examples", ExampleCount)))
        await using (var result = await command.ExecuteReaderAsync(ct))
        {
            while (await result.ReadAsync(ct))
                counts[result.GetString(0)] = (result.GetInt64(1), result.GetFieldValue<long[]>(2));
        }
        await LeadImportRunner.ExecuteAsync(connection, transaction, "UPDATE imports SET total_rows = @total WHERE id = @id", ct,
            ("id", importId), ("total", total));
        await tx.CommitAsync(ct);

        // The examples' cells: a second read of the file up to the last example line (never the whole file in memory).
        var wanted = counts.Values.SelectMany(c => c.Lines).ToHashSet();
        var cells = new Dictionary<long, string[]>();
        if (wanted.Count > 0)
        {
            var last = wanted.Max();
            foreach (var row in reader.ReadRows(import.StoredPath, import.Kind, settings.Format, 0))
            {
                if (wanted.Contains(row.LineNumber)) cells[row.LineNumber] = row.Values;
                if (row.LineNumber >= last) break;
            }
        }
        IReadOnlyList<ImportExampleRow> Examples(string decision) => counts.TryGetValue(decision, out var c)
            ? c.Lines.Select(line => new ImportExampleRow(line, cells.GetValueOrDefault(line) ?? [], null)).ToList()
            : [];
        long Count(string decision) => counts.TryGetValue(decision, out var c) ? c.Count : 0;
        return new ImportDryRun(total, Count("new"), Count("update"), Count("dup"), rejected,
            Examples("new"), Examples("update"), Examples("dup"), rejectedExamples);
    }

    /// <summary>
    /// The dry run's decisions over the whole file at once: a row sharing a key with an earlier row of the file is a
    /// duplicate (the job finds the same: the earlier row is a lead of this import by then), else a match in the campaign
    /// is a duplicate (Skip) or an update (Update, first matching row only), else new. CreateAnyway: every valid row is new.
    /// </summary>
    private const string DryRunSql = """
        ANALYZE import_dry_keys;
        WITH f AS (
            SELECT k.*, least(
                CASE WHEN k.email IS NOT NULL THEN min(k.line) OVER (PARTITION BY k.email) END,
                CASE WHEN k.phone IS NOT NULL THEN min(k.line) OVER (PARTITION BY k.phone) END,
                CASE WHEN k.siren IS NOT NULL THEN min(k.line) OVER (PARTITION BY k.siren) END) AS first_line
            FROM import_dry_keys k
        ), m AS (
            SELECT DISTINCT ON (k.line) k.line, x.id
            FROM import_dry_keys k
            CROSS JOIN LATERAL (
                (SELECT l.id, l.campaign_id, 1 AS pri FROM leads l WHERE k.email IS NOT NULL AND l.email = k.email OFFSET 0)
                UNION ALL
                (SELECT l.id, l.campaign_id, 2 FROM leads l WHERE k.phone IS NOT NULL AND l.phone = k.phone OFFSET 0)
                UNION ALL
                (SELECT l.id, l.campaign_id, 3 FROM leads l WHERE k.siren IS NOT NULL AND l.siren = k.siren OFFSET 0)
            ) x
            -- The campaign is checked outside the arms (OFFSET 0 keeps it there): inside, a planner with stale statistics
            -- of a growing leads table probed ix_leads_campaign_status and read the whole campaign once per row.
            WHERE x.campaign_id = @campaign AND @policy <> 'CreateAnyway'
            ORDER BY k.line, x.pri, x.id
        ), d AS (
            SELECT f.line, CASE
                WHEN @policy = 'CreateAnyway' THEN 'new'
                WHEN f.first_line < f.line THEN 'dup'
                WHEN m.id IS NULL THEN 'new'
                WHEN @policy = 'Skip' THEN 'dup'
                WHEN row_number() OVER (PARTITION BY m.id ORDER BY f.line) = 1 THEN 'update'
                ELSE 'dup' END AS decision
            FROM f LEFT JOIN m ON m.line = f.line
        )
        SELECT decision, count(*), (array_agg(line ORDER BY line))[1:@examples] FROM d GROUP BY decision
        """;
}
