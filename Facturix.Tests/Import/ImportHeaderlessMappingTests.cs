using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Import;

/// <summary>
/// Mappings are remembered per account "for a file with the same headers" (issue 15). A file read without a header row
/// has only numbered columns ("Colonne 1"...): remembered under those, the mapping of one vendor's file came back, badge
/// and all, for any other headerless file of the same width.
/// </summary>
public sealed class ImportHeaderlessMappingTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
    private IImportFiles Files => Services.GetRequiredService<IImportFiles>();

    private static readonly ImportFormat Headerless = Semicolons with { HasHeader = false };

    private static readonly IReadOnlyList<ColumnMapping> Numbered = Columns.Select(c => c with { Header = $"Colonne {c.Column + 1}" }).ToList();

    [Fact]
    public async Task A_file_without_a_header_row_neither_leaves_its_mapping_nor_gets_one_left_by_another()
    {
        var (manager, campaign, _) = await WorldAsync();
        var first = await DraftAsync(campaign, manager, Rows);

        await Imports.StartAsync(manager, first.Id, new ImportSettings(Headerless, Numbered, DuplicatePolicy.Skip));

        await using (var db = NewDb())
        {
            Assert.False(await db.ImportMappingTemplates.AnyAsync(t => t.AccountId == campaign.AccountId));
            // One remembered under the numbered columns anyway (as before this rule) is not offered to another headerless file.
            await ImportMappingTemplates.SaveAsync(db, campaign.AccountId, Numbered.Select(c => c.Header).ToList(), Numbered, manager,
                Fixture.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var second = await DraftAsync(campaign, manager, Rows);
        var proposal = await Files.ProposeMappingAsync(manager, second.Id, Headerless);
        Assert.False(proposal.FromSavedMapping);
        Assert.Equal(Numbered.Select(c => c.Header), proposal.Columns.Select(c => c.Header));

        // Read with its header row, the same file's mapping is remembered and offered to the next file with those headers.
        await Imports.StartAsync(manager, second.Id, Settings(DuplicatePolicy.Skip));
        var third = await DraftAsync(campaign, manager, Rows);
        Assert.True((await Files.ProposeMappingAsync(manager, third.Id, Semicolons)).FromSavedMapping);
    }
}
