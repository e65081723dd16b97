using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Import;

/// <summary>
/// Two writers (decision 0066): neighbouring batches are merged at the same time on two connections, and each commits
/// only after the one before it, so the checkpoint is always a prefix of the file. Batches of 3 rows: 12 rows, 4 batches.
/// </summary>
public sealed class ImportWritersTests(DatabaseFixture fixture) : ImportTest(fixture)
{
    private static readonly string[] Rows = DistinctRows(12);

    [Fact]
    public async Task The_next_batch_is_merged_while_one_waits_to_commit_and_batches_commit_in_file_order()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));

        var checkpointsSeen = new List<(int Batch, long RowsRead)>();
        Runner.BeforeCommit = async batch =>
        {
            // What the rest of the database sees while this batch is about to commit: every batch before it, none after.
            checkpointsSeen.Add((batch, await CommittedRowsAsync(import.Id)));
            if (batch == 1)
            {
                // Batch 1 holds its commit here: batch 2 is merged meanwhile on the other connection and waits for it,
                // in a transaction whose last statement gathered its new search words.
                await Eventually.HoldsAsync(() => WaitingBatchesAsync(), count => count == 1, "batch 2 merged and waiting for batch 1",
                    TimeSpan.FromSeconds(30));
            }
        };
        await Runner.RunAsync(import.Id, CancellationToken.None);
        Runner.BeforeCommit = null;

        Assert.Equal([(1, 0L), (2, 3L), (3, 6L), (4, 9L)], checkpointsSeen);
        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Completed, 12L, 12L, 0L), (result.State, result.RowsRead, result.Created, result.Duplicates));
    }

    [Fact]
    public async Task The_imported_names_join_the_typo_dictionary_folded_and_nothing_else_does()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        // Seven rows: three batches, so words come from both writers; the leads' own trigger is bypassed for imports.
        var rows = new[] { "Éléonore;Quémeneur;Crêperie Ty Breizh;eleonore.q@ty-breizh.bzh;06 11 22 33 44;;France;" }
            .Concat(Rows.Take(6)).ToArray();
        var import = await DraftAsync(campaign, manager, rows);

        var result = await ImportAsync(manager, import, DuplicatePolicy.Skip);

        Assert.Equal(7L, result.Created);
        await using var db = NewDb();
        var words = await db.Database.SqlQueryRaw<string>("SELECT word AS \"Value\" FROM lead_search_words").ToListAsync();
        Assert.Subset(words.ToHashSet(), new HashSet<string> { "eleonore", "quemeneur", "creperie", "breizh", "nom", "societe" });
        Assert.DoesNotContain("ty", words);
        Assert.DoesNotContain(words, w => w.Contains('@') || w.Contains("bzh") || w.Any(char.IsDigit));
    }

    private async Task<long> CommittedRowsAsync(Guid importId)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT rows_read FROM imports WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", importId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> WaitingBatchesAsync() => SessionsAsync("state = 'idle in transaction' AND query LIKE '%import_words%'");
}
