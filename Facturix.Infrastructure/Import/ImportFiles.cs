using System.Buffers;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// <see cref="IImportFiles"/>: the wizard's first steps. Uploads are streamed to <see cref="ImportFileOptions.Directory"/>
/// under a name of our own (the person's file name is only shown); the head of the file is read for detection and the
/// preview, never the whole file.
/// </summary>
internal sealed class ImportFiles(
    IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, IOptions<ImportFileOptions> options, ILogger<ImportFiles> logger) : IImportFiles
{
    public const int PreviewRows = 20;

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".csv", ".tsv", ".txt", ".xlsx" };

    public async Task<ImportUpload> UploadAsync(Actor actor, Guid campaignId, string fileName, long declaredSize, Stream content, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        ArgumentNullException.ThrowIfNull(content);
        var settings = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await Scope.Campaigns(db, actor).Where(c => c.Id == campaignId).Select(c => new { c.AccountId, c.State }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("campaign", campaignId);
        // Before a byte is stored: an archived campaign takes no new leads.
        ImportCampaignGuard.RefuseClosed(campaign.State, campaignId);
        var accountId = campaign.AccountId;

        // Only the last segment, and only to show it: the stored file gets the import's id as name.
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length > 260) name = name[^260..];
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
            throw new ImportFileException(ImportFileErrors.Extension, $"Extension '{extension}' is not importable.");
        if (declaredSize > settings.MaxBytes)
            throw new ImportFileException(ImportFileErrors.TooLarge, $"Declared size {declaredSize} is over {settings.MaxBytes}.");
        if (declaredSize == 0)
            throw new ImportFileException(ImportFileErrors.Empty, "Declared size is 0.");

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        Directory.CreateDirectory(settings.Directory);
        var path = Path.Combine(settings.Directory, id.ToString("N") + extension);
        try
        {
            var size = await CopyAsync(content, path, settings.MaxBytes, ct);
            if (size == 0)
                throw new ImportFileException(ImportFileErrors.Empty, "The upload had no bytes.");
            var kind = extension == ".xlsx" ? ImportFileKind.Excel : ImportFileKind.Delimited;
            RefuseUnreadable(path, kind, size);
            db.Imports.Add(new LeadImport
            {
                Id = id, CampaignId = campaignId, AccountId = accountId, CreatedById = actor.UserId, CreatedAt = now,
                FileName = name, StoredPath = path, SizeBytes = size, Kind = kind, State = ImportState.Draft,
            });
            db.Audit(actor, now, "import.uploaded", "import", id, name, after: new { campaignId, size, kind = kind.ToString() });
            await db.SaveChangesAsync(ct);
            return new ImportUpload(id, name, size, kind);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>
    /// A binary file named .csv (a photo, a zip) or a .xlsx that is no workbook is refused as soon as it is stored, and
    /// deleted: the person learns it at the upload, not a step later. A workbook is only checked for its zip signature
    /// here; one that is damaged inside is refused by the preview.
    /// </summary>
    private static void RefuseUnreadable(string path, ImportFileKind kind, long size)
    {
        var head = ImportFormatDetector.ReadHead(path);
        if (kind == ImportFileKind.Delimited)
            ImportFormatDetector.Detect(head, head.Length == size);
        else if (!head.AsSpan().StartsWith("PK\u0003\u0004"u8))
            throw new ImportFileException(ImportFileErrors.Unreadable, "The .xlsx file is not a workbook (no zip signature).");
    }

    /// <summary>Streams to a new file, counting: past <paramref name="max"/> bytes it stops and refuses (the caller deletes).</summary>
    private static async Task<long> CopyAsync(Stream content, string path, long max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > max)
                    throw new ImportFileException(ImportFileErrors.TooLarge, $"The upload went past {max} bytes.");
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<ImportPreview> PreviewAsync(Actor actor, Guid importId, ImportFormat? overrides, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        var import = await FindAsync(actor, importId, ct);
        var (detected, format) = Formats(import, overrides);
        var head = ReadHead(import, format);
        if (head.Rows.Count == 0)
            throw head.Headers.Count == 0
                ? new ImportFileException(ImportFileErrors.Empty, "Only blank lines.")
                : new ImportFileException(ImportFileErrors.NoData, "A header and no data row.");
        return new ImportPreview(import.Kind, format, detected, head.Headers, head.Rows);
    }

    public async Task<ImportMappingProposal> ProposeMappingAsync(Actor actor, Guid importId, ImportFormat format, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        ArgumentNullException.ThrowIfNull(format);
        var import = await FindAsync(actor, importId, ct);
        var (_, used) = Formats(import, format);
        var headers = ReadHead(import, used).Headers;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A file without a header row has only numbered columns ("Colonne 1"...): any two of the same width would share one
        // remembered mapping, whatever their columns hold.
        var saved = used.HasHeader ? await ImportMappingTemplates.FindAsync(db, import.AccountId, headers, ct) : null;
        return saved is not null
            ? new ImportMappingProposal(saved, FromSavedMapping: true)
            : new ImportMappingProposal(ImportMappingGuesser.Guess(headers), FromSavedMapping: false);
    }

    public async Task DiscardAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await InScope(db, actor).FirstOrDefaultAsync(i => i.Id == importId, ct) ?? throw new NotFoundException("import", importId);
        if (import.State != ImportState.Draft)
            throw new ConflictException(ImportFileErrors.NotDraft, $"Import {importId} is {import.State}, not a draft.");
        db.Imports.Remove(import);
        db.Audit(actor, clock.GetUtcNow(), "import.discarded", "import", import.Id, import.FileName,
            before: new { import.CampaignId, import.SizeBytes });
        await db.SaveChangesAsync(ct);
        TryDelete(import.StoredPath);
    }

    private static IQueryable<LeadImport> InScope(FacturixDb db, Actor actor)
    {
        var campaignIds = Scope.Campaigns(db, actor).Select(c => c.Id);
        return db.Imports.Where(i => campaignIds.Contains(i.CampaignId));
    }

    private async Task<LeadImport> FindAsync(Actor actor, Guid importId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await InScope(db, actor).AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct)
            ?? throw new NotFoundException("import", importId);
    }

    /// <summary>What detection finds, and the format to read with (the overrides when given, checked).</summary>
    private (ImportFormat Detected, ImportFormat Used) Formats(LeadImport import, ImportFormat? overrides)
    {
        var file = new FileInfo(import.StoredPath);
        if (!file.Exists || file.Length == 0)
            throw new ImportFileException(ImportFileErrors.Empty, $"Stored file of import {import.Id} is missing or empty.");
        ImportFormat detected;
        if (import.Kind == ImportFileKind.Excel)
        {
            // Encoding, delimiter and quote mean nothing to a workbook; only the header row is guessed.
            var rows = ReadHead(import, new ImportFormat("utf-8", ',', '"', HasHeader: false)).Rows;
            detected = new ImportFormat("utf-8", ',', '"', ImportFormatDetector.LooksLikeHeader(rows));
        }
        else
        {
            var head = ImportFormatDetector.ReadHead(import.StoredPath);
            detected = ImportFormatDetector.Detect(head, head.Length == file.Length);
        }
        return (detected, overrides is null ? detected : Checked(overrides));
    }

    private static ImportFormat Checked(ImportFormat format)
    {
        if (!ImportFormatDetector.Delimiters.Contains(format.Delimiter) || format.Quote == format.Delimiter || format.Quote > '\u007f'
            || char.IsLetterOrDigit(format.Quote) || char.IsWhiteSpace(format.Quote))
            throw new ImportFileException(ImportFileErrors.FormatInvalid, $"Delimiter '{format.Delimiter}' / quote '{format.Quote}' cannot be used.");
        try
        {
            ImportEncodings.Get(format.Encoding);
        }
        catch (ArgumentException e)
        {
            throw new ImportFileException(ImportFileErrors.FormatInvalid, $"Unknown encoding '{format.Encoding}': {e.Message}");
        }
        return format;
    }

    private ImportHead ReadHead(LeadImport import, ImportFormat format)
    {
        try
        {
            return ImportRowReader.ReadHead(import.StoredPath, import.Kind, format, PreviewRows);
        }
        catch (Exception e) when (import.Kind == ImportFileKind.Excel && e is not (OperationCanceledException or ImportFileException or OutOfMemoryException))
        {
            // ExcelDataReader throws its own exceptions (and zip/XML ones) for a file that is not a workbook.
            logger.LogInformation(e, "Import {ImportId}: the workbook cannot be read", import.Id);
            throw new ImportFileException(ImportFileErrors.Unreadable, $"Workbook of import {import.Id} cannot be read: {e.Message}");
        }
    }

    private void TryDelete(string path) => TryDelete(path, logger);

    /// <summary>
    /// Deletes an import's stored file; a file that cannot be deleted now (held open, permissions) is logged and left,
    /// never failing the caller (the upload's refusal, a revert, the hourly clean-up, which tries again next run).
    /// </summary>
    internal static bool TryDelete(string path, ILogger logger)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete the import file {Path}", path);
            return false;
        }
    }
}
