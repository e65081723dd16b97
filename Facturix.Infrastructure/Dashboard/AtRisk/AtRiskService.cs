using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Users;

namespace Facturix.Infrastructure.Dashboard.AtRisk;

internal sealed class AtRiskService : IAtRiskService
{
    public Task<IReadOnlyList<AtRiskCampaign>> GetAtRiskAsync(Actor actor, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<AtRiskCampaign>>([]);
}
