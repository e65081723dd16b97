using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Users;

namespace Facturix.Infrastructure.Import;

/// <summary>Placeholder until the job part of issue 15 lands.</summary>
internal sealed class ImportService : IImportService
{
    public Task<ImportDryRun> DryRunAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task StartAsync(Actor actor, Guid importId, ImportSettings settings, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task<ImportSummary> GetAsync(Actor actor, Guid importId, CancellationToken ct = default) => throw new NotImplementedException();

    public Task<PagedResult<ImportSummary>> ListAsync(Actor actor, ImportListQuery query, PageRequest page, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task WriteRejectsAsync(Actor actor, Guid importId, Stream output, Func<string, string> describe, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task RevertAsync(Actor actor, Guid importId, CancellationToken ct = default) => throw new NotImplementedException();
}
