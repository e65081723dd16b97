using System.Security.Cryptography;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;

namespace Facturix.Infrastructure.SignIn;

/// <summary>
/// A hash of a random password, made once with the app's own hasher, to verify against when there is no real
/// hash to check (unknown email, locked account): the work, and so the time, matches a real check (ASVS 2.2.x,
/// no account enumeration through timing).
/// </summary>
internal static class DummyPassword
{
    private static readonly AppUser Nobody = new() { DisplayName = "" }; // PasswordHasher ignores the user
    private static string? _hash;

    public static void Verify(IPasswordHasher<AppUser> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(ref _hash,
            () => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
