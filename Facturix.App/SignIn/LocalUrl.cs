namespace Facturix.App.SignIn;

/// <summary>Open-redirect guard for ReturnUrl / returnUrl parameters.</summary>
public static class LocalUrl
{
    public const string Dashboard = "/dashboard";

    /// <summary>
    /// True for an app-relative path ("/x", "/x?y", "~/x"); false for absolute URLs, protocol-relative
    /// ("//evil") and backslash tricks ("/\evil") — the same rules as ASP.NET Core's <c>IsLocalUrl</c>.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return false;
        if (url[0] == '/')
        {
            if (url.Length == 1)
                return true;
            return url[1] != '/' && url[1] != '\\' && !HasControlCharacter(url.AsSpan(1));
        }
        if (url[0] == '~' && url.Length > 1 && url[1] == '/')
        {
            if (url.Length == 2)
                return true;
            return url[2] != '/' && url[2] != '\\' && !HasControlCharacter(url.AsSpan(2));
        }
        return false;
    }

    /// <summary>
    /// The URL to go back to after a sign-in or a language switch: <paramref name="url"/> when it is local and not
    /// an account action page (which would loop), otherwise <paramref name="fallback"/>.
    /// </summary>
    public static string OrDefault(string? url, string fallback = Dashboard)
    {
        if (!IsLocal(url))
            return fallback;
        var path = url![0] == '~' ? url[1..] : url;
        if (path is "/" || path.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase)
                        || path.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase)
                        || path.StartsWith("/Account/SetCulture", StringComparison.OrdinalIgnoreCase))
            return path is "/" ? path : fallback;
        return path;
    }

    private static bool HasControlCharacter(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
                return true;
        }
        return false;
    }
}
