using Facturix.Domain.Users;

namespace Facturix.Domain.Accounts;

public interface IAccountService
{
    /// <summary>Creates a client account. Admins only; the input is validated again here.</summary>
    Task<Guid> CreateAsync(Actor actor, AccountInput input, CancellationToken ct = default);
}
