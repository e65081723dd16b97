namespace Facturix.Domain.Users;

/// <summary>Authorization policy names used by pages (<c>[Authorize(Policy = ...)]</c>) and endpoints.</summary>
public static class Policies
{
    public const string AdminOnly = "AdminOnly";
    public const string ManagerOrAdmin = "ManagerOrAdmin";
    public const string Staff = "Staff";
}
