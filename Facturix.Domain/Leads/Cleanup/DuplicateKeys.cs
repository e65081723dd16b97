namespace Facturix.Domain.Leads.Cleanup;

/// <summary>
/// The normalized keys one lead is matched on (backlog 2.3.6). Two leads sharing any non-null key are duplicate
/// candidates; <see cref="NameCompany"/> is for a fuzzy pass (similar, not only equal). A null key means "say nothing".
/// </summary>
public sealed record LeadDuplicateKeys(string? Email, string? Phone, string? Siren, string? Domain, string? NameCompany);

/// <summary>Pure functions from typed lead values to <see cref="LeadDuplicateKeys"/>.</summary>
public static class DuplicateKeys
{
    /// <summary>The keys of a lead. The domain comes from <paramref name="website"/>, else from the email.</summary>
    public static LeadDuplicateKeys For(LeadContactValues lead, string? siren = null, string? website = null) => new(
        Email(lead.Email),
        Phone(lead.Phone, LeadNormalizer.Country(lead.Country) ?? LeadCleanupPreview.DefaultCountry),
        Siren(siren),
        WebsiteDomain(website) ?? WebsiteDomain(lead.Email),
        NameCompany(lead.FirstName, lead.LastName, lead.Company));

    /// <summary>
    /// Trimmed, lower-case. Deliberately nothing more: Gmail ignores dots and "+tags" but other providers do not, so
    /// "j.martin@" and "jmartin@" stay two keys (a false "same person" would merge two people; the fuzzy pass catches the rest).
    /// Null when blank or without exactly one "@" between a local part and a domain.
    /// </summary>
    public static string? Email(string? raw)
    {
        var email = LeadNormalizer.Email(raw);
        if (email is null) return null;
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 ? email : null;
    }

    /// <summary>E.164 (national numbers read in <paramref name="defaultCountry"/>); null when blank or not a valid number.</summary>
    public static string? Phone(string? raw, string defaultCountry) => LeadNormalizer.Phone(raw, defaultCountry).E164;

    /// <summary>
    /// The nine digits, white space removed ("732 829 320"); null otherwise. The check digit is not verified: the
    /// same mistyped SIREN on two leads still points at the same company.
    /// </summary>
    public static string? Siren(string? raw)
    {
        if (raw is null) return null;
        var digits = string.Concat(raw.Where(c => !char.IsWhiteSpace(c)));
        return digits.Length == 9 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>
    /// The company's domain from a web address ("https://www.Acme.fr/contact" → "acme.fr", "acme.fr" alone works too)
    /// or from an email ("camille@acme.fr" → "acme.fr"): lower-case, without "www.". Null when blank, unreadable, or a
    /// free-mail provider's (gmail.com, orange.fr, yahoo.*...): thousands of unrelated people share those.
    /// </summary>
    public static string? WebsiteDomain(string? urlOrEmail)
    {
        if (string.IsNullOrWhiteSpace(urlOrEmail)) return null;
        var text = urlOrEmail.Trim();
        string host;
        var at = text.LastIndexOf('@');
        var isEmail = at >= 0 && !text.Contains("://", StringComparison.Ordinal);
        if (isEmail)
        {
            host = text[(at + 1)..];
        }
        else
        {
            var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns) return null;
            host = uri.Host;
        }
        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        if (!host.Contains('.') || host.StartsWith('.') || host.Any(c => char.IsWhiteSpace(c) || c == '/')) return null;
        // A web address on a social network is a page of the company, not its site: "linkedin.com" would pair every lead
        // whose website is its LinkedIn page (Sales Navigator exports). An email there is the network's own staff's.
        return IsFreeMail(host) || (!isEmail && IsSocialNetwork(host)) ? null : host;
    }

    private static readonly string[] SocialNetworks =
        ["linkedin.com", "lnkd.in", "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "youtube.com", "tiktok.com", "viadeo.com"];

    /// <summary>A social network's host or one of its subdomains (fr.linkedin.com, m.facebook.com).</summary>
    public static bool IsSocialNetwork(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var network in SocialNetworks)
            if (host.EndsWith(network, StringComparison.Ordinal) && (host.Length == network.Length || host[^(network.Length + 1)] == '.'))
                return true;
        return false;
    }

    /// <summary>
    /// <see cref="IsSocialNetwork"/> as a PostgreSQL regular expression, for the set-based scans that compute the same
    /// website domain in SQL (the duplicate scan, the import's cross-client keys).
    /// </summary>
    public static string SocialNetworkPattern { get; } =
        "(^|\\.)(" + string.Join('|', SocialNetworks.Select(n => n.Replace(".", "\\.", StringComparison.Ordinal))) + ")$";

    /// <summary>
    /// "firstname lastname|company" folded (accents, case, punctuation) with legal forms (SAS, SARL, GmbH, Ltd...)
    /// removed from the company wherever they stand. Null unless both a name and a company remain: a company alone
    /// would pair every contact of that company.
    /// </summary>
    public static string? NameCompany(string? firstName, string? lastName, string? company)
    {
        var name = TextFold.Fold($"{firstName} {lastName}");
        var firm = CompanyKey(company);
        return name.Length == 0 || firm is null ? null : $"{name}|{firm}";
    }

    /// <summary>The folded company without its legal form ("Boulangerie Martin S.A.S." → "boulangerie martin"); null when nothing remains.</summary>
    public static string? CompanyKey(string? company)
    {
        if (string.IsNullOrWhiteSpace(company)) return null;
        var words = TextFold.Fold(company).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !LegalForms.Contains(w));
        var key = string.Join(' ', words);
        return key.Length == 0 ? null : key;
    }

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "sa", "sas", "sasu", "sarl", "eurl", "snc", "sci", "scop", "selarl",
        "gmbh", "ag", "ltd", "limited", "inc", "llc", "plc", "bv", "nv", "srl", "spa",
    };

    private static readonly HashSet<string> FreeMail = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "icloud.com", "me.com", "mac.com", "aol.com", "aol.fr", "msn.com",
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "neuf.fr", "bbox.fr", "numericable.fr",
        "protonmail.com", "proton.me", "ymail.com", "gmx.fr", "gmx.com", "gmx.de", "web.de",
    };

    /// <summary>Providers under many country domains: hotmail.fr, yahoo.co.uk, outlook.be, live.fr...</summary>
    private static readonly string[] FreeMailFamilies = ["yahoo.", "hotmail.", "outlook.", "live."];

    /// <summary>The lists above, for the set-based scan that computes the same keys in SQL (docs/decisions/0041).</summary>
    public static IReadOnlyCollection<string> LegalFormWords => LegalForms;
    public static IReadOnlyCollection<string> FreeMailDomains => FreeMail;
    public static IReadOnlyList<string> FreeMailPrefixes => FreeMailFamilies;

    private static bool IsFreeMail(string host) =>
        FreeMail.Contains(host) || FreeMailFamilies.Any(f => host.StartsWith(f, StringComparison.Ordinal));
}
