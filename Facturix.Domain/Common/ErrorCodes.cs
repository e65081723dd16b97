namespace Facturix.Domain.Common;

/// <summary>
/// Stable codes of the refusals services throw (validation failures have their own codes, in each validator).
/// Each has a French and an English message in the App's <c>ErrorStrings</c>; a test checks it.
/// </summary>
public static class ErrorCodes
{
    public const string Forbidden = "forbidden";
    public const string ForbiddenInactive = "forbidden.inactive";
    public const string NotFound = "not-found";
    public const string Concurrency = "conflict.concurrency";
    public const string Conflict = "conflict";
    public const string SelfDeactivation = "conflict.self-deactivation";
    public const string PermissionsLockout = "conflict.permissions-lockout";
    public const string Unexpected = "unexpected";

    // Password policy (ASVS 2.1), reported as Identity errors' codes by PasswordPolicyValidator.
    public const string PasswordTooShort = "user.password.too-short";
    public const string PasswordTooLong = "user.password.too-long";
    public const string PasswordCommon = "user.password.common";
    public const string PasswordContainsEmail = "user.password.contains-email";

    // Accounts (issue 12).
    public const string AccountHasCampaigns = "conflict.account-has-campaigns";
    public const string NotAManager = "conflict.not-a-manager";

    public static IReadOnlyList<string> All { get; } =
        [Forbidden, ForbiddenInactive, NotFound, Concurrency, Conflict, SelfDeactivation, PermissionsLockout, Unexpected,
         PasswordTooShort, PasswordTooLong, PasswordCommon, PasswordContainsEmail,
         AccountHasCampaigns, NotAManager];
}
