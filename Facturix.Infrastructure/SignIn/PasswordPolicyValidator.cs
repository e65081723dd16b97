using Facturix.Domain.Common;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.SignIn;

/// <summary>
/// The password policy of ASVS 2.1, replacing Identity's composition rules (2.1.9: no "one upper case, one digit"):
/// at least <see cref="IdentityOptions.Password"/>.RequiredLength (12) characters, at most <see cref="MaxLength"/>,
/// not on the common/breached list, and not containing the email's local part. Errors carry
/// <see cref="ErrorCodes"/> codes as <see cref="IdentityError.Code"/>; the App words them (ErrorStrings).
/// </summary>
public sealed class PasswordPolicyValidator(IOptions<IdentityOptions> options) : IPasswordValidator<AppUser>
{
    /// <summary>ASVS 2.1.2: at least 64 allowed, at most 128 accepted (hashing cost stays bounded).</summary>
    public const int MaxLength = 128;

    /// <summary>Shorter local parts ("bd", "jo") would refuse too many good passwords by accident.</summary>
    public const int MinLocalPartLength = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Validate(user, password ?? ""));

    public IdentityResult Validate(AppUser user, string password)
    {
        var errors = new List<IdentityError>();
        // Length in characters as typed (ASVS counts Unicode code points; surrogate pairs are rare enough here).
        if (password.Length < options.Value.Password.RequiredLength)
            errors.Add(Error(ErrorCodes.PasswordTooShort, "The password is too short."));
        if (password.Length > MaxLength)
            errors.Add(Error(ErrorCodes.PasswordTooLong, "The password is too long."));
        if (CommonPasswordList.Contains(password))
            errors.Add(Error(ErrorCodes.PasswordCommon, "The password is on the list of common passwords."));
        var localPart = LocalPart(user.Email ?? user.UserName);
        if (localPart is not null && password.Contains(localPart, StringComparison.OrdinalIgnoreCase))
            errors.Add(Error(ErrorCodes.PasswordContainsEmail, "The password contains the email address."));
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private static string? LocalPart(string? email)
    {
        var at = email?.IndexOf('@') ?? -1;
        var local = at > 0 ? email![..at] : null;
        return local is { Length: >= MinLocalPartLength } ? local : null;
    }

    // The description is English, for logs only (ADR 0011): people read the code's words.
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
