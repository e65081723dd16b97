using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>One row after the rules: the normalized lead, or the reason it is rejected, or an in-batch duplicate.</summary>
internal struct ProcessedRow
{
    public long LineNumber;
    public string[] Values;
    public ImportedLead? Lead;
    public string? Error;
    /// <summary>Shares a key (email, phone, SIREN) with an earlier accepted row of the same batch.</summary>
    public bool DuplicateInBatch;
}

/// <summary>
/// The CPU half of an import (docs/decisions/0057): reads rows, applies <see cref="ImportRowRules"/> in parallel per batch,
/// marks duplicates inside the batch. The database half (staging, merge) only ever sees finished batches.
/// </summary>
internal static class ImportBatches
{
    /// <summary>
    /// The file's rows from <paramref name="skipRows"/> on, in batches of <paramref name="batchSize"/>. Reader failures
    /// surface as <see cref="ImportReadException"/> so the job can tell a bad file from a database outage.
    /// </summary>
    public static IEnumerable<List<ImportRow>> Read(IImportRowReader reader, string path, ImportFileKind kind, ImportFormat format,
        long skipRows, int batchSize)
    {
        IEnumerator<ImportRow> rows;
        try
        {
            rows = reader.ReadRows(path, kind, format, skipRows).GetEnumerator();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ImportReadException(ex);
        }
        using (rows)
        {
            var batch = new List<ImportRow>(batchSize);
            while (true)
            {
                bool more;
                try
                {
                    more = rows.MoveNext();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new ImportReadException(ex);
                }
                if (!more) break;
                batch.Add(rows.Current);
                if (batch.Count == batchSize)
                {
                    yield return batch;
                    batch = new List<ImportRow>(batchSize);
                }
            }
            if (batch.Count > 0) yield return batch;
        }
    }

    /// <summary>Applies the rules to every row of the batch (in parallel: the rules are pure) and marks in-batch duplicates.</summary>
    public static ProcessedRow[] Process(List<ImportRow> batch, ImportRowMapper mapper, ImportRowContext context, DuplicatePolicy policy)
    {
        var result = new ProcessedRow[batch.Count];
        // Chunks rather than one task per row: the per-row work is microseconds.
        Parallel.For(0, (batch.Count + 511) / 512, chunk =>
        {
            var end = Math.Min(batch.Count, (chunk + 1) * 512);
            for (var i = chunk * 512; i < end; i++)
            {
                var row = batch[i];
                var (lead, error) = ImportRowRules.Apply(mapper.Map(row.Values), context);
                result[i] = new ProcessedRow { LineNumber = row.LineNumber, Values = row.Values, Lead = lead, Error = error };
            }
        });
        if (policy != DuplicatePolicy.CreateAnyway) MarkDuplicates(result);
        return result;
    }

    /// <summary>
    /// A row sharing its email, phone or SIREN with an earlier accepted row of the batch is a duplicate within the file:
    /// the first one wins (rows of earlier batches are leads by now and are matched in the database).
    /// </summary>
    private static void MarkDuplicates(ProcessedRow[] rows)
    {
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var sirens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Lead is not { } lead) continue;
            var seen = (lead.Email is { } e && emails.Contains(e)) || (lead.Phone is { } p && phones.Contains(p))
                || (lead.Siren is { } s && sirens.Contains(s));
            if (seen)
            {
                rows[i].DuplicateInBatch = true;
                continue;
            }
            if (lead.Email is { } email) emails.Add(email);
            if (lead.Phone is { } phone) phones.Add(phone);
            if (lead.Siren is { } siren) sirens.Add(siren);
        }
    }
}

/// <summary>The import's file could not be read (not a database problem): the import fails with a clear code.</summary>
internal sealed class ImportReadException(Exception inner) : Exception("The import file could not be read.", inner);
