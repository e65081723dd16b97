using Facturix.Domain.Users;

namespace Facturix.Domain.Common;

/// <summary>The actor may not do what was asked: a capability is missing, or the account is deactivated.</summary>
public sealed class ForbiddenException(string code, Capability? missing = null)
    : FacturixException(code, missing is null ? $"Forbidden ({code})." : $"Forbidden: missing capability {missing.Value.Key()}.")
{
    public Capability? Missing { get; } = missing;
}
