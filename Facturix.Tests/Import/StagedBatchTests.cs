using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;

namespace Facturix.Tests.Import;

/// <summary>
/// A written batch is filled again for the next rows (the runner recycles its buffers): once reset, it must encode and
/// count exactly as a new batch would, and forget the previous rows' keys, or a lead of the next batch sharing an email
/// with one of the previous batch would be dropped as an in-file duplicate instead of being matched in the database.
/// </summary>
public sealed class StagedBatchTests
{
    private static readonly Guid ImportId = Guid.CreateVersion7();

    [Fact]
    public void A_reset_batch_encodes_and_counts_like_a_new_one_and_forgets_the_previous_keys()
    {
        var recycled = new StagedBatch(ImportId, DuplicatePolicy.Skip);
        Fill(recycled, Row(1, "anne@acme.fr"), Row(2, "anne@acme.fr"), Rejected(3));
        Assert.Equal((3, 1, 1, 1), (recycled.Rows, recycled.Staged, recycled.InBatchDuplicates, recycled.Rejected));

        recycled.Reset(null);
        var fresh = new StagedBatch(ImportId, DuplicatePolicy.Skip);
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        foreach (var batch in new[] { recycled, fresh })
        {
            batch.Add(Row(4, "anne@acme.fr"), ids[0]);
            batch.Add(Rejected(5), ids[1]);
        }

        // The email of the previous rows is not a duplicate any more: the row is staged.
        Assert.Equal((2, 1, 0, 1), (recycled.Rows, recycled.Staged, recycled.InBatchDuplicates, recycled.Rejected));
        Assert.Equal(fresh.Tuples.WrittenSpan.ToArray(), recycled.Tuples.WrittenSpan.ToArray());
        Assert.Equal(fresh.RejectTuples.WrittenSpan.ToArray(), recycled.RejectTuples.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_row_sharing_a_key_with_the_previous_batch_is_a_duplicate_in_the_file()
    {
        // Two writers merge neighbouring batches at once: this batch's merge cannot see the previous batch's new leads.
        var previous = new StagedBatch(ImportId, DuplicatePolicy.Skip);
        Fill(previous, Row(1, "anne@acme.fr"));
        var next = new StagedBatch(ImportId, DuplicatePolicy.Skip, previous);
        Fill(next, Row(2, "anne@acme.fr"), Row(3, "paul@acme.fr"));
        Assert.Equal((2, 1, 1), (next.Rows, next.Staged, next.InBatchDuplicates));

        // Not under CreateAnyway, which creates every valid row.
        var anyway = new StagedBatch(ImportId, DuplicatePolicy.CreateAnyway, previous);
        Fill(anyway, Row(2, "anne@acme.fr"));
        Assert.Equal((1, 0), (anyway.Staged, anyway.InBatchDuplicates));
    }

    private static void Fill(StagedBatch batch, params ProcessedRow[] rows)
    {
        foreach (var row in rows) batch.Add(row, Guid.CreateVersion7());
    }

    private static ProcessedRow Row(long line, string email) => new()
    {
        LineNumber = line,
        Lead = new ImportedLead { FirstName = "Anne", Company = "Acme", Email = email, Country = "FR", Score = 10 },
    };

    private static ProcessedRow Rejected(long line) => new() { LineNumber = line, Error = "import.row.email_invalid", Values = ["x", "y"] };
}
