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

/// <summary>
/// <see cref="IImportService"/> (issue 15): dry run (in <c>ImportService.DryRun.cs</c>), start (the work is <see cref="LeadImportRunner"/> in
/// <see cref="LeadImportJob"/>), progress and list, the rejects file, revert. Every method: <c>imports.run</c> and the
/// import's campaign in the actor's scope (else not found).
/// </summary>
internal sealed partial class ImportService(
    IDbContextFactory<FacturixDb> dbFactory,
    IImportRowReader reader,
    IImportLauncher launcher,
    IValidator<ImportSettings> settingsValidator,
    IOptions<ImportJobOptions> options,
    ILogger<ImportService> log,
    TimeProvider clock) : IImportService
{

    public async Task StartAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await FindAsync(db, actor, importId, ct);
        // Archived since the upload (the wizard was open meanwhile): no settings would make the start possible.
        var campaign = await db.Campaigns.Where(c => c.Id == import.CampaignId).Select(c => new { c.Name, c.State }).SingleAsync(ct);
        ImportCampaignGuard.RefuseClosed(campaign.State, import.CampaignId);
        var headers = await ValidateAsync(import, settings, ct);
        if (import.State != ImportState.Draft)
            throw new ConflictException(ImportErrors.StateInvalid, $"Import {importId} is {import.State}, not a draft.");

        var now = clock.GetUtcNow();
        import.Settings = JsonSerializer.Serialize(settings, LeadImportRunner.Json);
        import.State = ImportState.Queued;
        // Remembered for the account and these headers, in the same SaveChanges as the start (the wizard proposes it next time).
        // Not without a header row: numbered columns say nothing of what they hold (ImportFiles.ProposeMappingAsync).
        if (settings.Format.HasHeader)
            await ImportMappingTemplates.SaveAsync(db, import.AccountId, headers, settings.Columns, actor, now, ct);
        db.Audit(actor, now, "import.started", "import", import.Id, $"{import.FileName} → {campaign.Name}",
            after: new { campaign = import.CampaignId, file = import.FileName, policy = settings.DuplicatePolicy.ToString(),
                columns = settings.Columns.Where(c => c.Field != ImportField.Ignore).Select(c => new { c.Header, field = c.Field.ToString(), c.CustomKey }) });
        db.Publish(new ImportProgressed(import.Id, import.CampaignId, import.CreatedById, 0, 0, 0, nameof(ImportState.Queued)));
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Read again under the campaign's row lock, in the transaction that queues the import (decision 0093): a close
            // holding the row makes this wait and then refuse; a close coming after waits for this commit and stops it.
            var state = Enum.Parse<Facturix.Domain.Campaigns.CampaignState>(await LeadImportRunner.ScalarAsync<string>(
                (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction(), ImportArchiveStop.CampaignStateSql, ct,
                ("id", import.CampaignId)));
            ImportCampaignGuard.RefuseClosed(state, import.CampaignId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw ConflictException.Concurrency("import", importId, ex);
            }
            await tx.CommitAsync(ct);
        }

        try
        {
            await launcher.LaunchAsync(import.Id, ct);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Import {ImportId} could not be queued.", import.Id);
            await using var again = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await using var tx = await again.Database.BeginTransactionAsync(CancellationToken.None);
            var failed = await again.Imports.Where(i => i.Id == import.Id && i.State == ImportState.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.State, ImportState.Failed).SetProperty(i => i.Error, ErrorCodes.Unexpected)
                    .SetProperty(i => i.FinishedAt, clock.GetUtcNow()), CancellationToken.None);
            // The Queued event went out with the start: without this one, every open list and progress page (the
            // starter's other tabs, colleagues) kept showing the import queued for good.
            if (failed > 0)
                await again.PublishNowAsync(new ImportProgressed(import.Id, import.CampaignId, import.CreatedById, 0, 0, 0, nameof(ImportState.Failed)), CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
            throw;
        }
    }

    public async Task<ImportSummary> GetAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(db, InScope(db, actor).Where(i => i.Id == importId)).FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException("import", importId);
    }

    public async Task<PagedResult<ImportSummary>> ListAsync(Actor actor, ImportListQuery query, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var imports = InScope(db, actor).Where(i => i.State != ImportState.Draft);
        if (query.CampaignId is { } campaignId) imports = imports.Where(i => i.CampaignId == campaignId);
        if (query.StartedById is { } startedById) imports = imports.Where(i => i.CreatedById == startedById);
        if (query.EndedSince is { } since)
            imports = imports.Where(i => (i.State == ImportState.Completed || i.State == ImportState.Failed || i.State == ImportState.Stopped)
                                         && i.FinishedAt >= since);
        var total = await imports.CountAsync(ct);
        // PageRequest's own Skip/Take: clamped the same way, and safe from int overflow on huge page numbers.
        var items = await Summaries(db, imports.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(page.Skip).Take(page.Take)).ToListAsync(ct);
        return new PagedResult<ImportSummary>(items, total);
    }

    private static IQueryable<LeadImport> InScope(FacturixDb db, Actor actor)
    {
        var campaigns = Scope.Campaigns(db, actor).Select(c => c.Id);
        return db.Imports.Where(i => campaigns.Contains(i.CampaignId));
    }

    /// <summary>The summaries of <paramref name="imports"/>, in their order (projected last so filters and order stay translatable).</summary>
    private static IQueryable<ImportSummary> Summaries(FacturixDb db, IQueryable<LeadImport> imports) =>
        imports.Select(i => new ImportSummary(i.Id, i.CampaignId, db.Campaigns.Where(c => c.Id == i.CampaignId).Select(c => c.Name).First(),
            i.FileName, i.SizeBytes, i.State, i.CreatedById, db.Users.Where(u => u.Id == i.CreatedById).Select(u => u.DisplayName).First(),
            i.CreatedAt, i.StartedAt, i.FinishedAt, i.TotalRows, i.RowsRead, i.Created, i.Updated, i.Duplicates, i.Rejected,
            i.Error, (i.State == ImportState.Completed || i.State == ImportState.Failed || i.State == ImportState.Stopped) && i.Created + i.Updated > 0,
            i.RunStartedAt, i.RowsReadAtRunStart, i.Flagged));

    public async Task WriteRejectsAsync(Actor actor, Guid importId, Stream output, Func<string, string> describe,
        ImportRejectsColumns? columns = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(describe);
        columns ??= ImportRejectsColumns.French;
        actor.Demand(Capability.ImportsRun);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await FindAsync(db, actor, importId, ct);
        var settings = import.Settings is null ? null : JsonSerializer.Deserialize<ImportSettings>(import.Settings, LeadImportRunner.Json);
        var format = settings?.Format ?? new ImportFormat("utf-8", ';', '"', true);
        IReadOnlyList<string> headers;
        try
        {
            headers = reader.ReadHeaders(import.StoredPath, import.Kind, format);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The file may be gone (cleaned up): the rejects still download, under numbered columns.
            log.LogWarning(ex, "Rejects of import {ImportId}: headers unreadable.", importId);
            var width = await db.ImportRejects.Where(r => r.ImportId == importId).Select(r => r.Values.Length).MaxAsync(w => (int?)w, ct) ?? 0;
            headers = Enumerable.Range(1, width).Select(columns.Unnamed).ToList();
        }

        var csvOptions = CsvWriterOptions.Default with
        {
            WriteByteOrderMark = true, Separator = format.Delimiter, FormatProvider = CultureInfo.InvariantCulture,
        };
        await using (var csv = CsvWriter.Create(output, csvOptions, leaveOpen: true))
        {
            await csv.WriteRecordAsync(headers.Append(columns.Line).Append(columns.Reason).Select(h => CsvCells.Neutralise(h)!).ToArray(), ct);
            var rejects = db.ImportRejects.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).AsAsyncEnumerable();
            await foreach (var reject in rejects.WithCancellation(ct))
            {
                var cells = reject.Values.Select(v => CsvCells.Neutralise(v)!)
                    .Append(reject.LineNumber.ToString(CultureInfo.InvariantCulture))
                    .Append(CsvCells.Neutralise(describe(reject.Reason))!).ToArray();
                await csv.WriteRecordAsync(cells, ct);
            }
        }
        await output.FlushAsync(ct);
    }

    /// <summary>The import if its campaign is in the actor's scope; otherwise it does not exist for them.</summary>
    private static async Task<LeadImport> FindAsync(FacturixDb db, Actor actor, Guid importId, CancellationToken ct)
    {
        var campaigns = Scope.Campaigns(db, actor).Select(c => c.Id);
        return await db.Imports.FirstOrDefaultAsync(i => i.Id == importId && campaigns.Contains(i.CampaignId), ct)
               ?? throw new NotFoundException("import", importId);
    }

    /// <summary>The settings' own rules, then their columns against the file's headers (which it returns).</summary>
    private async Task<IReadOnlyList<string>> ValidateAsync(LeadImport import, ImportSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await settingsValidator.ValidateAndThrowAsync(settings, ct);
        IReadOnlyList<string> headers;
        try
        {
            headers = reader.ReadHeaders(import.StoredPath, import.Kind, settings.Format);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not FacturixException)
        {
            throw new ConflictException(ImportErrors.FileUnreadable, "The import file could not be read.", ex);
        }
        if (settings.Columns.Any(c => c.Column >= headers.Count))
            throw new ValidationException([new ValidationFailure(nameof(ImportSettings.Columns), "import.settings.column.invalid")
                { ErrorCode = "import.settings.column.invalid" }]);
        return headers;
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }
}
