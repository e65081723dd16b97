using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;

namespace Facturix.Tests.Import;

/// <summary>A scripted <see cref="IImportFiles"/>: records the calls, answers what the test set.</summary>
internal sealed class ScriptedImportFiles : IImportFiles
{
    public static readonly ImportFormat Detected = new("utf-8", ',', '"', true);

    public List<(Guid CampaignId, string FileName, long DeclaredSize, byte[] Content)> Uploads { get; } = [];
    public List<ImportFormat?> Previews { get; } = [];
    public List<Guid> Discarded { get; } = [];
    public List<ImportFormat> Proposals { get; } = [];
    /// <summary>Proposals refused while set (the draft's file unreadable for a moment).</summary>
    public bool ProposalFailing { get; set; }
    public Guid ImportId { get; } = Guid.NewGuid();

    /// <summary>The preview for a format (null: the detection).</summary>
    public Func<ImportFormat?, ImportPreview> Preview { get; set; } = format => Read(format ?? Detected,
        ["Prénom", "Nom", "Email"], [["Jean", "Dupont", "jean@exemple.fr"], ["Léa", "Martin", "lea@exemple.fr"]]);

    public ImportMappingProposal Proposal { get; set; } = new(
        [new(0, "Prénom", ImportField.FirstName), new(1, "Nom", ImportField.LastName), new(2, "Email", ImportField.Email)], false);

    public static ImportPreview Read(ImportFormat format, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows) =>
        new(ImportFileKind.Delimited, format, Detected, headers, rows);

    public async Task<ImportUpload> UploadAsync(Actor actor, Guid campaignId, string fileName, long declaredSize, Stream content, CancellationToken ct = default)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, ct);
        Uploads.Add((campaignId, fileName, declaredSize, copy.ToArray()));
        return new ImportUpload(ImportId, fileName, declaredSize, ImportFileKind.Delimited);
    }

    public Task<ImportPreview> PreviewAsync(Actor actor, Guid importId, ImportFormat? overrides, CancellationToken ct = default)
    {
        Previews.Add(overrides);
        return Task.FromResult(Preview(overrides));
    }

    public Task<ImportMappingProposal> ProposeMappingAsync(Actor actor, Guid importId, ImportFormat format, CancellationToken ct = default)
    {
        Proposals.Add(format);
        return ProposalFailing ? Task.FromException<ImportMappingProposal>(new IOException("file busy")) : Task.FromResult(Proposal);
    }

    public Task DiscardAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        Discarded.Add(importId);
        return Task.CompletedTask;
    }
}

/// <summary>A scripted <see cref="IImportService"/>.</summary>
internal sealed class ScriptedImports : IImportService
{
    public List<ImportSettings> DryRuns { get; } = [];
    public List<(Guid ImportId, ImportSettings Settings)> Starts { get; } = [];
    public List<Guid> Reverts { get; } = [];
    public List<Guid> Stops { get; } = [];
    public List<ImportListQuery> Lists { get; } = [];
    public int Gets { get; private set; }

    public ImportDryRun DryRun { get; set; } = new(2, 2, 0, 0, 0, [], [], [], []);
    public Func<Guid, ImportSummary> Summary { get; set; } = id => throw new NotFoundException("import", id);
    public List<ImportSummary> Listed { get; set; } = [];

    public Task<ImportDryRun> DryRunAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default)
    {
        DryRuns.Add(settings);
        return Task.FromResult(DryRun);
    }

    public Task StartAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default)
    {
        Starts.Add((importId, settings));
        return Task.CompletedTask;
    }

    /// <summary>When set, the next read answers what <see cref="Summary"/> gives now, but only once this completes.</summary>
    public TaskCompletionSource? HoldNextGet { get; set; }

    public async Task<ImportSummary> GetAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        Gets++;
        var summary = Summary(importId);
        if (HoldNextGet is { } hold)
        {
            HoldNextGet = null;
            await hold.Task;
        }
        return summary;
    }

    public Task<PagedResult<ImportSummary>> ListAsync(Actor actor, ImportListQuery query, PageRequest page, CancellationToken ct = default)
    {
        Lists.Add(query);
        var rows = Listed.Where(i => (query.CampaignId is null || i.CampaignId == query.CampaignId)
                                     && (query.StartedById is null || i.CreatedById == query.StartedById)
                                     && (query.EndedSince is null || (i.State is ImportState.Completed or ImportState.Failed or ImportState.Stopped
                                                                      && i.FinishedAt >= query.EndedSince))).ToList();
        return Task.FromResult(new PagedResult<ImportSummary>(rows.Skip(page.Skip).Take(page.Take).ToList(), rows.Count));
    }

    public Task WriteRejectsAsync(Actor actor, Guid importId, Stream output, Func<string, string> describe, ImportRejectsColumns? columns = null,
        CancellationToken ct = default) =>
        throw new NotSupportedException();

    public List<ImportRejectReason> Reasons { get; set; } = [];

    public Task<IReadOnlyList<ImportRejectReason>> RejectReasonsAsync(Actor actor, Guid importId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ImportRejectReason>>(Reasons);

    public Task RevertAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        Reverts.Add(importId);
        return Task.CompletedTask;
    }

    public Task StopAsync(Actor actor, Guid importId, CancellationToken ct = default)
    {
        Stops.Add(importId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Campaigns listed whatever the filters (the import's file step, the campaigns list), paged, with the last page request the list
/// made, and one campaign's details for the campaign page.
/// </summary>
internal sealed class ListedCampaigns(params CampaignRow[] rows) : CampaignServiceDouble
{
    public IReadOnlyList<CampaignRow> Rows { get; set; } = rows;
    public PageRequest? LastPage { get; private set; }
    /// <summary>Thrown by <see cref="ListAsync"/> when set (the database gone mid-session).</summary>
    public Exception? ListFailure { get; set; }

    /// <summary>The total the list reports, when more than <see cref="Rows"/> (the page holds only the first ones).</summary>
    public int? Total { get; set; }

    /// <summary>How many pages were read (loads and live reloads).</summary>
    public int Lists { get; private set; }

    public override Task<PagedResult<CampaignRow>> ListAsync(Actor actor, CampaignQuery query, PageRequest page, CancellationToken ct = default)
    {
        Lists++;
        LastPage = page;
        if (ListFailure is { } failure) return Task.FromException<PagedResult<CampaignRow>>(failure);
        return Task.FromResult(new PagedResult<CampaignRow>(Rows.Skip(page.Skip).Take(page.Take).ToList(), Total ?? Rows.Count));
    }

    /// <summary>What <see cref="GetAsync"/> answers (the campaign page), and how often it was asked.</summary>
    public CampaignDetails? Details { get; set; }
    public int Gets { get; private set; }

    public override Task<CampaignDetails> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
    {
        Gets++;
        return Task.FromResult(Details ?? throw new NotFoundException("campaign", campaignId));
    }
}

/// <summary>A browser file of any declared size: a huge one is never read, so it costs nothing.</summary>
internal sealed class FakeBrowserFile(string name, long size, byte[]? content = null) : IBrowserFile
{
    public int Opens { get; private set; }
    public string Name => name;
    public DateTimeOffset LastModified => DateTimeOffset.UtcNow;
    public long Size => size;
    public string ContentType => "text/csv";

    public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default)
    {
        Opens++;
        if (size > maxAllowedSize) throw new IOException("too large");
        return new MemoryStream(content ?? []);
    }
}
