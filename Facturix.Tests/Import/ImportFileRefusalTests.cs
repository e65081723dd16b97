using Facturix.Domain.Import;
using Facturix.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Import;

/// <summary>Issue 15's unreadable inputs: each refused with its own code, and nothing half-stored behind it.</summary>
public sealed class ImportFileRefusalTests(DatabaseFixture fixture) : ImportFilesTest(fixture)
{
    [Fact]
    public async Task A_zero_byte_file_is_refused()
    {
        var declared = await Assert.ThrowsAsync<ImportFileException>(() => UploadAsync("vide.csv", Array.Empty<byte>()));
        var undeclared = await Assert.ThrowsAsync<ImportFileException>(() =>
            Files.UploadAsync(admin, campaign.Id, "vide.csv", -1, new MemoryStream()));

        Assert.Equal(ImportFileErrors.Empty, declared.Code);
        Assert.Equal(ImportFileErrors.Empty, undeclared.Code);
        await using var db = NewDb();
        Assert.False(await db.Imports.AnyAsync());
    }

    [Fact]
    public async Task A_600_MB_file_is_refused_on_its_declared_size_before_a_byte_is_read()
    {
        var content = new EndlessStream();

        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Files.UploadAsync(admin, campaign.Id, "gros.csv", 600L * 1024 * 1024, content));

        Assert.Equal(ImportFileErrors.TooLarge, error.Code);
        Assert.Equal(0, content.Position);
    }

    [Fact]
    public async Task A_stream_that_runs_past_500_MB_is_refused_while_streaming_and_the_partial_file_deleted()
    {
        var content = new EndlessStream();

        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Files.UploadAsync(admin, campaign.Id, "menteur.csv", 1_000, content));

        Assert.Equal(ImportFileErrors.TooLarge, error.Code);
        Assert.InRange(content.Position, Options.MaxBytes + 1, Options.MaxBytes + 200_000);
        // Other test classes store small files in the same folder at the same time: the partial one is the only big one.
        Assert.DoesNotContain(StoredFiles(), f => new FileInfo(f).Length > Options.MaxBytes / 2);
        await using var db = NewDb();
        Assert.False(await db.Imports.AnyAsync());
    }

    [Fact]
    public async Task A_header_only_file_is_refused_with_its_own_code()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => PreviewAsync("entete.csv", "Prénom;Nom;Société\r\n\r\n"));

        Assert.Equal(ImportFileErrors.NoData, error.Code);
    }

    [Fact]
    public async Task A_file_of_blank_lines_is_empty()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => PreviewAsync("blancs.csv", "\r\n\r\n  \r\n"));

        Assert.Equal(ImportFileErrors.Empty, error.Code);
    }

    [Fact]
    public async Task A_binary_file_renamed_csv_is_refused_at_the_upload_and_nothing_is_kept()
    {
        var bytes = new byte[20_000];
        new Random(3).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);

        var error = await Assert.ThrowsAsync<ImportFileException>(() => UploadAsync("photo.csv", bytes));

        Assert.Equal(ImportFileErrors.Binary, error.Code);
        await AssertNothingStoredAsync(bytes);
    }

    [Fact]
    public async Task A_file_named_xlsx_that_is_not_a_workbook_is_refused_at_the_upload()
    {
        var text = "Nom;Ville\nDupont;Paris\n"u8.ToArray();

        var error = await Assert.ThrowsAsync<ImportFileException>(() => UploadAsync("faux.xlsx", text));

        Assert.Equal(ImportFileErrors.Unreadable, error.Code);
        await AssertNothingStoredAsync(text);
    }

    [Fact]
    public async Task A_damaged_workbook_passes_the_upload_and_is_refused_by_the_preview()
    {
        var bytes = new byte[5_000];
        new Random(5).NextBytes(bytes);
        "PK\u0003\u0004"u8.CopyTo(bytes);
        var upload = await UploadAsync("abime.xlsx", bytes);

        var error = await Assert.ThrowsAsync<ImportFileException>(() => Files.PreviewAsync(admin, upload.ImportId, null));

        Assert.Equal(ImportFileErrors.Unreadable, error.Code);
    }
}
