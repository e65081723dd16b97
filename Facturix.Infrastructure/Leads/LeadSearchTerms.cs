using System.Linq.Expressions;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Facturix.Infrastructure.Leads;

/// <summary>One word of the quick search and the known words a typo away from it (<c>lead_search_words</c>).</summary>
internal sealed record LeadSearchTerm(string Word, IReadOnlyList<string> TypoAlternatives);

/// <summary>
/// The quick search's words, resolved against the typo dictionary before the leads are queried (docs/decisions/0054):
/// a word matches a lead that holds it as typed, or holds a known word a typo away from it. Matching a typo against the
/// leads' own text (pg_trgm's <c>&lt;%</c>) read the trigram posting lists of every word sharing its first letters,
/// about a second at a million leads; the dictionary holds a few thousand words, and the leads are then searched with
/// LIKE on their trigram index for each word found.
/// </summary>
internal sealed record LeadSearchTerms(IReadOnlyList<LeadSearchTerm> Words)
{
    public static readonly LeadSearchTerms None = new([]);

    /// <summary>pg_trgm similarity from which a known word counts as the typed one mistyped ("pierrd" → "pierre": 0.56).</summary>
    internal const double TypoSimilarity = 0.5;

    /// <summary>At most this many known words per typed word, the closest first: each is one index scan.</summary>
    internal const int MaxAlternatives = 5;

    /// <summary>The words of <paramref name="search"/> (at most five) with their typo alternatives; words under 3 letters have none.</summary>
    public static async Task<LeadSearchTerms> ResolveAsync(FacturixDb db, string? search, CancellationToken ct)
    {
        var words = WordsOf(search);
        if (words.Count == 0) return None;
        var terms = new List<LeadSearchTerm>(words.Count);
        foreach (var word in words)
        {
            // The dictionary holds words of letters only (decision 0054): a number has no typo alternative to look up.
            if (word.Length < 3 || !word.Any(char.IsLetter))
            {
                terms.Add(new LeadSearchTerm(word, []));
                continue;
            }
            var alternatives = await db.Database.SqlQuery<string>($"""
                SELECT d.word AS "Value"
                FROM (SELECT facturix_unaccent({word}) AS typed) t
                JOIN lead_search_words d ON d.word % t.typed AND d.word <> t.typed AND similarity(d.word, t.typed) >= {TypoSimilarity}
                ORDER BY similarity(d.word, t.typed) DESC, d.word
                LIMIT {MaxAlternatives}
                """).ToListAsync(ct);
            terms.Add(new LeadSearchTerm(word, alternatives));
        }
        return new LeadSearchTerms(terms);
    }

    /// <summary>
    /// The search box's words (at most five: a pasted paragraph must not become fifty index scans), a phone number typed
    /// the way people write one counting as one word (<see cref="JoinPhones"/>).
    /// </summary>
    public static IReadOnlyList<string> WordsOf(string? search) =>
        JoinPhones((search ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().Take(5).ToList();

    /// <summary>Digits from which a run of number groups is read as a phone number rather than as separate words.</summary>
    internal const int MinPhoneDigits = 6;

    /// <summary>
    /// Phones are stored in E.164 ("+33612345678") but typed as written: "06 12 34 56 78", "06.12.34.56.78",
    /// "+33 (0)6 12 34 56 78", "0033 6 12…" (docs/decisions/0080). Consecutive groups of digits (with . - / ( ) inside,
    /// a + only in front) holding at least <see cref="MinPhoneDigits"/> digits become one word: "+" and the digits when
    /// typed with a +, otherwise the digits without their leading zeros (a national trunk 0 or an international 00),
    /// which the stored number holds whatever its country. Fewer digits stay separate words as typed ("dupond 12").
    /// </summary>
    internal static IReadOnlyList<string> JoinPhones(IReadOnlyList<string> tokens)
    {
        var words = new List<string>(tokens.Count);
        var run = new List<string>();
        foreach (var token in tokens)
        {
            if (!IsPhoneGroup(token))
            {
                Flush();
                words.Add(token);
                continue;
            }
            if (token[0] == '+') Flush(); // a + starts another number
            run.Add(token);
        }
        Flush();
        return words;

        void Flush()
        {
            if (run.Count == 0) return;
            var text = string.Concat(run).Replace("(0)", "", StringComparison.Ordinal);
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length < MinPhoneDigits) words.AddRange(run);
            else if (text[0] == '+') words.Add("+" + digits);
            else words.Add(digits.TrimStart('0') is { Length: > 0 } national ? national : digits);
            run.Clear();
        }
    }

    private static bool IsPhoneGroup(string token) =>
        token.Any(char.IsAsciiDigit)
        && (char.IsAsciiDigit(token[0]) || token[0] is '+' or '(')
        && token.Skip(1).All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '/' or '(' or ')');

    /// <summary>Leads holding <paramref name="term"/>'s word or one of its typo alternatives, each as a substring of the folded text.</summary>
    public static Expression<Func<Lead, bool>> Matching(LeadSearchTerm term)
    {
        var patterns = new[] { term.Word }.Concat(term.TypoAlternatives).Select(LikePattern.Containing).ToList();
        var match = Containing(patterns[0]);
        foreach (var pattern in patterns.Skip(1))
        {
            var next = Containing(pattern);
            var body = ReplacingExpressionVisitor.Replace(next.Parameters[0], match.Parameters[0], next.Body);
            match = Expression.Lambda<Func<Lead, bool>>(Expression.OrElse(match.Body, body), match.Parameters);
        }
        return match;
    }

    /// <summary>One LIKE on the folded text; the pattern is a parameter, folded once per query.</summary>
    private static Expression<Func<Lead, bool>> Containing(string pattern) =>
        l => EF.Functions.Like(EF.Property<string>(l, LeadSearchSql.SearchTextProperty), LeadSearchSql.Fold(pattern), LikePattern.Escape);
}
