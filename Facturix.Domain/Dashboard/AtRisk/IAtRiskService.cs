using Facturix.Domain.Users;

namespace Facturix.Domain.Dashboard.AtRisk;

/// <summary>At-risk campaigns with list-exhaustion forecast (backlog 2.1.6), over the active campaigns in the actor's scope.</summary>
public interface IAtRiskService
{
    Task<IReadOnlyList<AtRiskCampaign>> GetAtRiskAsync(Actor actor, CancellationToken ct = default);
}
