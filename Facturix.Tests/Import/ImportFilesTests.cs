using System.Text;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Import;

/// <summary>The wizard's first steps (upload, preview, mapping, discard, scope) and the readable part of issue 15's bad-input corpus.</summary>
public sealed class ImportFilesTests(DatabaseFixture fixture) : ImportFilesTest(fixture)
{
    [Fact]
    public async Task An_upload_is_streamed_to_disk_as_a_draft_of_the_campaigns_account()
    {
        var upload = await UploadAsync(@"C:\Users\moi\Leads clients.CSV", "Prénom;Nom\nJean;Dupont\n");

        await using var db = NewDb();
        var import = await db.Imports.SingleAsync(i => i.Id == upload.ImportId);
        Assert.Equal((ImportState.Draft, account.Id, admin.UserId, "Leads clients.CSV", ImportFileKind.Delimited),
            (import.State, import.AccountId, import.CreatedById, import.FileName, import.Kind));
        Assert.StartsWith(Options.Directory, import.StoredPath);
        Assert.Equal("Prénom;Nom\nJean;Dupont\n", await File.ReadAllTextAsync(import.StoredPath));
        Assert.Equal(new FileInfo(import.StoredPath).Length, upload.SizeBytes);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "import.uploaded" && e.EntityId == upload.ImportId));
    }

    [Theory]
    [InlineData("leads.tsv", "Prénom\tNom\nJean\tDupont\n")]
    [InlineData("LEADS.TXT", "Prénom|Nom\nJean|Dupont\n")]
    public async Task Tab_separated_and_text_files_are_taken_too(string name, string content)
    {
        var upload = await UploadAsync(name, content);

        Assert.Equal((name, ImportFileKind.Delimited), (upload.FileName, upload.Kind));
        Assert.Equal(["Prénom", "Nom"], (await Files.PreviewAsync(admin, upload.ImportId, null)).Headers);
    }

    [Theory]
    [InlineData("leads.pdf")]
    [InlineData("leads.xls")]
    [InlineData("leads")]
    public async Task Other_extensions_are_refused_before_anything_is_stored(string name)
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => UploadAsync(name, "Nom\nDupont\n"));

        Assert.Equal(ImportFileErrors.Extension, error.Code);
        await using var db = NewDb();
        Assert.False(await db.Imports.AnyAsync());
    }

    [Fact]
    public async Task Preview_detects_utf8_with_bom_crlf_semicolons_and_decimal_commas()
    {
        var preview = await PreviewAsync("bom.csv", "Prénom;Nom;CA\r\nÉlodie;Cœur;1234,56\r\nJean;Dupont;99,5\r\n", bom: true);

        Assert.Equal(new ImportFormat("utf-8", ';', '"', true), preview.Format);
        Assert.Equal(preview.Format, preview.Detected);
        Assert.Equal(["Prénom", "Nom", "CA"], preview.Headers);
        Assert.Equal(["Élodie", "Cœur", "1234,56"], preview.Rows[0]);
        Assert.Equal(2, preview.Rows.Count);
    }

    [Fact]
    public async Task Preview_reads_latin1_accents_and_oe_from_windows_1252()
    {
        var preview = await PreviewAsync("latin.csv", "Prénom;Nom;Société\nÉlodie;Cœur;Crédit à ç\n", ImportTestFiles.Windows1252);

        Assert.Equal("windows-1252", preview.Format.Encoding);
        Assert.Equal(["Prénom", "Nom", "Société"], preview.Headers);
        Assert.Equal(["Élodie", "Cœur", "Crédit à ç"], preview.Rows[0]);
    }

    [Fact]
    public async Task Preview_reads_utf16()
    {
        var preview = await PreviewAsync("utf16.txt", "Nom\tVille\r\nCœur\tSaint-Étienne\r\n", Encoding.Unicode, bom: true);

        Assert.Equal(("utf-16", '\t'), (preview.Format.Encoding, preview.Format.Delimiter));
        Assert.Equal(["Cœur", "Saint-Étienne"], preview.Rows[0]);
    }

    [Fact]
    public async Task Preview_handles_quoted_newlines_doubled_quotes_blank_lines_ragged_rows_duplicate_headers_and_a_trailing_empty_column()
    {
        var preview = await PreviewAsync("messy.csv",
            "Email,Nom,Email,Note,\n\n" +
            "a@b.fr,Dupont,c@d.fr,\"Dit \"\"le chef\"\"\nsur deux lignes\",\n" +
            "e@f.fr,Curie\n\n" +
            "g@h.fr,Petit,i@j.fr,ok,\n");

        Assert.Equal(["Email", "Nom", "Email (2)", "Note"], preview.Headers);
        Assert.Equal(3, preview.Rows.Count);
        Assert.Equal("Dit \"le chef\"\nsur deux lignes", preview.Rows[0][3]);
        Assert.Equal(["e@f.fr", "Curie", "", ""], preview.Rows[1]);
        Assert.All(preview.Rows, r => Assert.Equal(4, r.Count));
    }

    [Fact]
    public async Task Preview_shows_twenty_rows_and_follows_the_overrides()
    {
        var text = "Nom;Ville\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"Lead {i};Paris, France\n"));
        var upload = await UploadAsync("long.csv", text);

        var detected = await Files.PreviewAsync(admin, upload.ImportId, null);
        var overridden = await Files.PreviewAsync(admin, upload.ImportId, detected.Format with { Delimiter = ',', HasHeader = false });

        Assert.Equal(20, detected.Rows.Count);
        Assert.Equal(';', detected.Format.Delimiter);
        Assert.Equal((',', false), (overridden.Format.Delimiter, overridden.Format.HasHeader));
        Assert.Equal(detected.Format, overridden.Detected);
        Assert.Equal(["Colonne 1", "Colonne 2"], overridden.Headers);
        Assert.Equal(["Nom;Ville", ""], overridden.Rows[0]);
        Assert.Equal(["Lead 1;Paris", " France"], overridden.Rows[1]);
    }

    [Fact]
    public async Task The_encoding_and_quote_overrides_change_the_preview_too()
    {
        var upload = await UploadAsync("accents.csv", "Société;Note\nCrème;'a;b'\n");
        var detected = await Files.PreviewAsync(admin, upload.ImportId, null);
        Assert.Equal("utf-8", detected.Format.Encoding);

        var latin = await Files.PreviewAsync(admin, upload.ImportId, detected.Format with { Encoding = "windows-1252", Quote = '"' });
        var quoted = await Files.PreviewAsync(admin, upload.ImportId, detected.Format with { Quote = '\'' });

        Assert.Equal(("SociÃ©tÃ©", "CrÃ¨me", "'a"), (latin.Headers[0], latin.Rows[0][0], latin.Rows[0][1]));
        Assert.Equal(("Société", "Crème", "a;b"), (quoted.Headers[0], quoted.Rows[0][0], quoted.Rows[0][1]));
    }

    [Theory]
    [InlineData("x-unknown-charset", ';', '"')]
    [InlineData("utf-8", ':', '"')]
    [InlineData("utf-8", ';', ';')]
    public async Task Overrides_the_reader_cannot_use_are_refused(string encoding, char delimiter, char quote)
    {
        var upload = await UploadAsync("ok.csv", "Nom;Ville\nDupont;Paris\n");

        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Files.PreviewAsync(admin, upload.ImportId, new ImportFormat(encoding, delimiter, quote, true)));

        Assert.Equal(ImportFileErrors.FormatInvalid, error.Code);
    }

    [Fact]
    public async Task Excel_preview_shows_cached_formula_values_and_detects_the_header()
    {
        var path = files.Xlsx("leads.xlsx",
            ["Prénom", "Nom", "Société", "Téléphone", "Total"],
            ["Jean", "Dupont", "ACME", 33612345678d, new Formula("SUM(1,2)", 3d)],
            ["Marie", "Curie", new Formula("UPPER(\"radium\")", "RADIUM"), null, new Formula("1/0", null)]);
        var upload = await UploadAsync("leads.xlsx", await File.ReadAllBytesAsync(path));

        var preview = await Files.PreviewAsync(admin, upload.ImportId, null);

        Assert.Equal(ImportFileKind.Excel, preview.Kind);
        Assert.True(preview.Format.HasHeader);
        Assert.Equal(["Prénom", "Nom", "Société", "Téléphone", "Total"], preview.Headers);
        Assert.Equal(["Jean", "Dupont", "ACME", "33612345678", "3"], preview.Rows[0]);
        Assert.Equal(["Marie", "Curie", "RADIUM", "", ""], preview.Rows[1]);
    }

    [Fact]
    public async Task The_mapping_is_guessed_then_the_saved_one_is_reused_for_the_same_headers_of_the_account()
    {
        var first = await UploadAsync("hubspot.csv", "First Name,Last Name,Company Name,Email,Notes\nJean,Dupont,ACME,j@acme.fr,x\n");
        var format = (await Files.PreviewAsync(admin, first.ImportId, null)).Format;
        var guessed = await Files.ProposeMappingAsync(admin, first.ImportId, format);
        Assert.False(guessed.FromSavedMapping);
        Assert.Equal([ImportField.FirstName, ImportField.LastName, ImportField.Company, ImportField.Email, ImportField.Ignore],
            guessed.Columns.Select(c => c.Field));

        // What the job's StartAsync does with the person's final mapping.
        var chosen = guessed.Columns.Select(c => c.Column == 4 ? c with { Field = ImportField.Custom, CustomKey = "notes" } : c).ToList();
        await using (var db = NewDb())
        {
            await ImportMappingTemplates.SaveAsync(db, account.Id, ["First Name", "Last Name", "Company Name", "Email", "Notes"], chosen, admin,
                Fixture.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        // Same headers up to case and accents, in another file of the same account.
        var second = await UploadAsync("hubspot-2.csv", "first name,LAST NAME,Company name,E-mail,Notes\nMarie,Curie,Radium,m@r.fr,y\n");
        var reused = await Files.ProposeMappingAsync(admin, second.ImportId, format);
        Assert.True(reused.FromSavedMapping);
        Assert.Equal(chosen.Select(c => (c.Column, c.Field, c.CustomKey)), reused.Columns.Select(c => (c.Column, c.Field, c.CustomKey)));
        Assert.Equal("E-mail", reused.Columns[3].Header);

        // Another account's file with the same headers gets the guess, not this account's mapping.
        var other = await Given.CampaignAsync(await Given.AccountAsync());
        var third = await Files.UploadAsync(admin, other.Id, "hubspot-3.csv", -1,
            new MemoryStream(Encoding.UTF8.GetBytes("First Name,Last Name,Company Name,Email,Notes\nLuc,Petit,Orange,l@o.fr,z\n")));
        uploads.Add(third.ImportId);
        Assert.False((await Files.ProposeMappingAsync(admin, third.ImportId, format)).FromSavedMapping);
    }

    [Fact]
    public async Task A_wide_file_of_non_latin_headers_has_its_mapping_remembered_too()
    {
        // 300 headers of 12 Chinese characters: about 11 KB of UTF-8, past what a b-tree entry of the key can hold.
        var headers = Enumerable.Range(0, 300).Select(i => string.Concat(Enumerable.Range(0, 12).Select(j => (char)(0x4E00 + (i * 12 + j) % 20000)))).ToList();
        var columns = headers.Select((h, i) => new ColumnMapping(i, h, i == 0 ? ImportField.Company : ImportField.Ignore)).ToList();
        var account = await Given.AccountAsync();

        await using (var db = NewDb())
        {
            await ImportMappingTemplates.SaveAsync(db, account.Id, headers, columns, admin, Fixture.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        await using var read = NewDb();
        var found = await ImportMappingTemplates.FindAsync(read, account.Id, headers, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(ImportField.Company, found[0].Field);
        Assert.StartsWith("sha256:", ImportMappingTemplates.SignatureOf(headers));
    }

    [Fact]
    public async Task Discard_deletes_a_draft_and_its_file_but_not_a_started_import()
    {
        var draft = await UploadAsync("brouillon.csv", "Nom\nDupont\n");
        var started = await UploadAsync("lance.csv", "Nom\nCurie\n");
        string draftPath, startedPath;
        await using (var db = NewDb())
        {
            draftPath = await db.Imports.Where(i => i.Id == draft.ImportId).Select(i => i.StoredPath).SingleAsync();
            startedPath = await db.Imports.Where(i => i.Id == started.ImportId).Select(i => i.StoredPath).SingleAsync();
            await db.Imports.Where(i => i.Id == started.ImportId).ExecuteUpdateAsync(u => u.SetProperty(i => i.State, ImportState.Queued));
        }

        await Files.DiscardAsync(admin, draft.ImportId);
        var error = await Assert.ThrowsAsync<ConflictException>(() => Files.DiscardAsync(admin, started.ImportId));

        Assert.Equal(ImportFileErrors.NotDraft, error.Code);
        Assert.False(File.Exists(draftPath));
        Assert.True(File.Exists(startedPath));
        await using var check = NewDb();
        Assert.Equal([started.ImportId], await check.Imports.Select(i => i.Id).ToListAsync());
        Assert.True(await check.AuditEvents.AnyAsync(e => e.Action == "import.discarded" && e.EntityId == draft.ImportId));
    }

    [Fact]
    public async Task Out_of_scope_campaigns_and_imports_are_not_found_and_BDs_may_not_import()
    {
        var outsider = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var upload = await UploadAsync("ok.csv", "Nom\nDupont\n");

        await Assert.ThrowsAsync<NotFoundException>(() =>
            Files.UploadAsync(outsider, campaign.Id, "x.csv", 4, new MemoryStream("Nom\n"u8.ToArray())));
        await Assert.ThrowsAsync<NotFoundException>(() => Files.PreviewAsync(outsider, upload.ImportId, null));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Files.UploadAsync(bd, campaign.Id, "x.csv", 4, new MemoryStream("Nom\n"u8.ToArray())));
    }
}


/// <summary>An upload that never ends: bytes made on demand, nothing held, its position counted.</summary>
internal sealed class EndlessStream : Stream
{
    private long position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        buffer.AsSpan(offset, count).Fill((byte)'a');
        position += count;
        return count;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
