using Facturix.Domain.Users;

namespace Facturix.Domain.Dashboard;

public interface IDashboardService
{
    /// <summary>KPIs over what <paramref name="actor"/> may see: the whole agency for admins and managers, assigned campaigns for a BD.</summary>
    Task<KpiSnapshot> GetKpisAsync(Actor actor, CancellationToken ct = default);
}
