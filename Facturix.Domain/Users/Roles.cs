namespace Facturix.Domain.Users;

/// <summary>The three staff roles. Names are stored as Identity role names, so never rename them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string BusinessDeveloper = "BD";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, BusinessDeveloper];
}
