using Facturix.Domain.Import;

namespace Facturix.Infrastructure.Import;

/// <summary>One row after the rules: the normalized lead, or the reason it is rejected, or an in-batch duplicate.</summary>
internal struct ProcessedRow
{
    public long LineNumber;
    /// <summary>The original cells, kept for rejected rows only (the rejects file); null for accepted ones, so a batch waiting to be written holds its leads once.</summary>
    public string[]? Values;
    public ImportedLead? Lead;
    public string? Error;
}

/// <summary>
/// The CPU half of an import (docs/decisions/0057): reads rows in chunks and applies <see cref="ImportRowRules"/> to each
/// chunk in parallel; <see cref="StagedBatch"/> then marks duplicates inside the batch and encodes the rows for the COPY.
/// The database half (staging, merge) only ever sees finished batches.
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

    /// <summary>Applies the rules to every row of the chunk (in parallel: the rules are pure).</summary>
    public static ProcessedRow[] Process(List<ImportRow> batch, ImportRowMapper mapper, ImportRowContext context)
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
                result[i] = new ProcessedRow { LineNumber = row.LineNumber, Values = error is null ? null : row.Values, Lead = lead, Error = error };
            }
        });
        return result;
    }
}

/// <summary>The import's file could not be read (not a database problem): the import fails with a clear code.</summary>
internal sealed class ImportReadException(Exception inner) : Exception("The import file could not be read.", inner);
