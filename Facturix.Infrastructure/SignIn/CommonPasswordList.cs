using System.Collections.Frozen;
using System.Text.Json;

namespace Facturix.Infrastructure.SignIn;

/// <summary>
/// The common and breached passwords the app refuses (ASVS 2.1.7), shipped inside the assembly so no
/// network or file is needed at run time. Source and licence: CommonPasswords/README.md.
/// </summary>
public static class CommonPasswordList
{
    private const string ResourceName = "Facturix.Infrastructure.SignIn.CommonPasswords.passwords.json";

    // Loaded on first use (about 50,000 entries, a few MB in memory); a frozen set is the fastest reader.
    private static readonly Lazy<FrozenSet<string>> Passwords = new(Load);

    public static int Count => Passwords.Value.Count;

    /// <summary>True when the password, ignoring case, is on the list (the list is all lower-case).</summary>
    public static bool Contains(string password) => Passwords.Value.Contains(password.ToLowerInvariant());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        var list = JsonSerializer.Deserialize<string[]>(stream)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is empty.");
        return list.Select(p => p.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }
}
