using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Leads;

/// <summary>
/// Reads behind the leads list (<c>/leads</c>). <see cref="Capability.LeadsRead"/>, limited to the actor's scope: a BD
/// sees the leads of the campaigns assigned to them, a manager those of their accounts' campaigns.
/// </summary>
public interface ILeadQueries
{
    /// <summary>
    /// One page of the leads in scope, filtered and sorted on the server. The total is exact while the filtered set is
    /// small; past <c>LeadListOptions.ExactCountLimit</c> it is PostgreSQL's estimate and <see cref="LeadPage.TotalIsEstimate"/> is true.
    /// </summary>
    Task<LeadPage> ListAsync(Actor actor, LeadListQuery query, PageRequest page, CancellationToken ct = default);

    /// <summary>
    /// Choices of the list's filters within the actor's scope; the campaign's own statuses when <paramref name="campaignId"/>
    /// is given, and the import's name when <paramref name="importId"/> is one of an import of a campaign in scope.
    /// </summary>
    Task<LeadFilterOptions> GetFilterOptionsAsync(Actor actor, Guid? campaignId, Guid? importId = null, CancellationToken ct = default);
}
