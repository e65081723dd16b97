using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Accounts;

/// <summary>
/// The agency's clients. Reads: any active staff member, within their scope. Writes: <see cref="Capability.AccountsManage"/>
/// and the account in the actor's scope (otherwise <see cref="NotFoundException"/>). Every write is audited and announced.
/// </summary>
public interface IAccountService
{
    /// <summary>Creates a client account; the input is validated again here. A manager without agency scope is assigned to it.</summary>
    Task<Guid> CreateAsync(Actor actor, AccountInput input, CancellationToken ct = default);

    /// <summary>One page of the accounts in scope, filtered and sorted on the server.</summary>
    Task<PagedResult<AccountRow>> ListAsync(Actor actor, AccountListQuery query, PageRequest page, CancellationToken ct = default);

    /// <summary>Industries in use and candidate managers, for the list's filters.</summary>
    Task<AccountFilterOptions> GetFilterOptionsAsync(Actor actor, CancellationToken ct = default);

    /// <summary>The account with its managers, campaigns and newest activity (archived accounts included).</summary>
    Task<AccountDetails> GetAsync(Actor actor, Guid accountId, CancellationToken ct = default);

    /// <summary>
    /// Saves an edit made on the account as read at <paramref name="expectedVersion"/>; when someone saved it since,
    /// <see cref="ConflictException"/> with <see cref="ErrorCodes.Concurrency"/> and nothing is written.
    /// </summary>
    Task UpdateAsync(Actor actor, Guid accountId, AccountInput input, uint expectedVersion, CancellationToken ct = default);

    /// <summary>Soft delete: the account leaves lists and KPIs and keeps its campaigns, leads and history. Idempotent.</summary>
    Task ArchiveAsync(Actor actor, Guid accountId, CancellationToken ct = default);

    /// <summary>Brings an archived account back into lists. Idempotent.</summary>
    Task RestoreAsync(Actor actor, Guid accountId, CancellationToken ct = default);

    /// <summary>Deletes an account for good; refused (<see cref="ErrorCodes.AccountHasCampaigns"/>) once it has a campaign.</summary>
    Task DeleteAsync(Actor actor, Guid accountId, CancellationToken ct = default);

    /// <summary>Staff who may be made responsible for an account: active users with the Manager or Admin role.</summary>
    Task<IReadOnlyList<AccountManager>> ListManagerCandidatesAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Makes <paramref name="managerId"/> responsible for the account (giving them its scope). Idempotent.</summary>
    Task AssignManagerAsync(Actor actor, Guid accountId, Guid managerId, CancellationToken ct = default);

    /// <summary>Takes the account away from <paramref name="managerId"/> (and with it their scope over it). Idempotent.</summary>
    Task UnassignManagerAsync(Actor actor, Guid accountId, Guid managerId, CancellationToken ct = default);
}
