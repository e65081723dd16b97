using Facturix.Domain.Import;
using Facturix.Domain.Users;

namespace Facturix.Infrastructure.Import;

/// <summary>Placeholder until the file-reading part of issue 15 lands.</summary>
internal sealed class ImportFiles : IImportFiles
{
    public Task<ImportUpload> UploadAsync(Actor actor, Guid campaignId, string fileName, long declaredSize, Stream content, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task<ImportPreview> PreviewAsync(Actor actor, Guid importId, ImportFormat? overrides, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task<ImportMappingProposal> ProposeMappingAsync(Actor actor, Guid importId, ImportFormat format, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task DiscardAsync(Actor actor, Guid importId, CancellationToken ct = default) => throw new NotImplementedException();
}
