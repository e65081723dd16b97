using System.Security.Cryptography;
using Facturix.Infrastructure.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Users;

/// <summary>
/// First and reset passwords an admin reads to someone: 20 random characters (about 115 bits) from an alphabet
/// without look-alikes (no 0/O, 1/l/I), in groups of five so they are read and typed without mistakes, checked
/// against the same policy as a chosen password. Hashed the way Identity's <c>UserManager</c> hashes (the default
/// <see cref="PasswordHasher{TUser}"/>), so sign-in checks them like any other.
/// </summary>
internal sealed class GeneratedPasswords(IOptions<IdentityOptions> identityOptions)
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Groups = 4;
    private const int GroupLength = 5;

    private static readonly PasswordHasher<AppUser> Hasher = new();
    private readonly PasswordPolicyValidator _policy = new(identityOptions);

    /// <summary>Sets a new generated password's hash on <paramref name="user"/> and returns the password in clear.</summary>
    public string Assign(AppUser user)
    {
        // A random draw could, in theory, contain the email's local part: draw again (the policy decides, not us).
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var password = string.Join('-', Enumerable.Range(0, Groups)
                .Select(_ => RandomNumberGenerator.GetString(Alphabet, GroupLength)));
            if (!_policy.Validate(user, password).Succeeded) continue;
            user.PasswordHash = Hasher.HashPassword(user, password);
            return password;
        }
        throw new InvalidOperationException("No generated password passed the password policy in 10 draws.");
    }
}
