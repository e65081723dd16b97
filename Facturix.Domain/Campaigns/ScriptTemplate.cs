using System.Net;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;

namespace Facturix.Domain.Campaigns;

/// <summary>The person a script preview is filled for: a campaign's lead (or a built-in example) and the BD calling.</summary>
public sealed record ScriptSample(string FirstName, string LastName, string Company, string BdName)
{
    /// <summary>Used when the campaign has no lead yet (or the reader may not see its leads).</summary>
    public static ScriptSample Example(string bdName) => new("Camille", "Martin", "Exemple SAS", bdName);
}

/// <summary>
/// Call scripts and objection answers (backlog 2.2.3): Markdown with tokens <c>{{firstName}}</c>, <c>{{lastName}}</c>,
/// <c>{{company}}</c>, <c>{{bdName}}</c>. <see cref="Render"/> is the only way a script becomes HTML: the result is
/// sanitized, so the App may show it with <c>(MarkupString)</c> and nothing else may.
/// </summary>
public static partial class ScriptTemplate
{
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Company = "company";
    public const string BdName = "bdName";

    /// <summary>The tokens a script may use, as written (case-sensitive).</summary>
    public static IReadOnlyList<string> KnownTokens { get; } = [FirstName, LastName, Company, BdName];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    // Thread-safe for Sanitize once configured, so one instance serves every circuit.
    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "del",
            "code", "pre", "blockquote", "a",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        AllowedCssProperties = new HashSet<string>(),
    });

    /// <summary>"{{name}}", spaces inside the braces tolerated ("{{ company }}").</summary>
    [GeneratedRegex(@"\{\{\s*([^{}\s]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>
    /// Sanitized HTML of <paramref name="markdown"/> with the known tokens filled from <paramref name="sample"/>.
    /// Tokens become inert placeholders before the Markdown conversion (so a value is never read as Markdown), the
    /// placeholders become HTML-encoded values after it (so a value is never read as markup), and the sanitizer runs
    /// last, over the final HTML (so no value can smuggle a <c>javascript:</c> link past it). Unknown tokens stay as typed.
    /// </summary>
    public static string Render(string? markdown, ScriptSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (string.IsNullOrWhiteSpace(markdown)) return "";

        // Letters and digits only, so Markdown leaves it alone; lengthened until the text cannot already contain it.
        var marker = "fxtoken";
        while (markdown.Contains(marker, StringComparison.OrdinalIgnoreCase)) marker += "x";

        var withMarkers = Token().Replace(HoldFrenchPunctuation(markdown), m =>
        {
            var index = IndexOf(m.Groups[1].Value);
            return index < 0 ? m.Value : $"{marker}{index}z";
        });
        var html = Markdown.ToHtml(withMarkers, Pipeline);
        string[] values = [sample.FirstName, sample.LastName, sample.Company, sample.BdName];
        for (var i = 0; i < values.Length; i++)
            html = html.Replace($"{marker}{i}z", WebUtility.HtmlEncode(values[i] ?? ""), StringComparison.Ordinal);
        return Sanitizer.Sanitize(html).Trim();
    }

    /// <summary>
    /// French typography for what people type with ordinary spaces: a narrow no-break space before ? ! ; and a no-break
    /// space before : and inside « », so "deux questions ?" never wraps its "?" onto a line of its own. English puts no
    /// space there, so its text is left as it was.
    /// </summary>
    private static string HoldFrenchPunctuation(string text) =>
        BreakableSpaceAtPunctuation().Replace(text, m =>
            m.Index + 1 < text.Length && text[m.Index + 1] is '?' or '!' or ';' ? "\u202F" : "\u00A0");

    [GeneratedRegex(@"(?<=\S) (?=[?!;:](?:\s|$))|(?<=«) | (?=»)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BreakableSpaceAtPunctuation();

    /// <summary>The distinct tokens of <paramref name="markdown"/> that are not <see cref="KnownTokens"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> UnknownTokens(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return [];
        return Token().Matches(markdown)
            .Select(m => m.Groups[1].Value)
            .Where(name => IndexOf(name) < 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static int IndexOf(string name) => name switch
    {
        FirstName => 0,
        LastName => 1,
        Company => 2,
        BdName => 3,
        _ => -1,
    };
}
