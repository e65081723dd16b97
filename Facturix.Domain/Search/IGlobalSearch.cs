using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;

namespace Facturix.Domain.Search;

/// <summary>
/// The global search (<c>/search</c>, backlog 1 and 2.6.1): one text looked up at once in the leads, accounts, campaigns and tasks
/// the actor may see. Each kind is read by its own list's service, so scope, matching and order are those of its list:
/// a lead found here is one the leads list would show for the same words (accents ignored, a typo tolerated).
/// </summary>
public interface IGlobalSearch
{
    /// <summary>
    /// The first <paramref name="perKind"/> matches of each kind and how many there are. A kind the actor may not open is
    /// null (a BD has no accounts list). A text shorter than <see cref="GlobalSearchRules.MinLength"/> or longer than
    /// <see cref="GlobalSearchRules.MaxLength"/> once trimmed is refused (<see cref="ErrorCodes"/> <c>search.text.*</c>).
    /// </summary>
    Task<GlobalSearchResults> SearchAsync(Actor actor, string? text, int perKind, CancellationToken ct = default);
}

public static class GlobalSearchRules
{
    /// <summary>One letter matches nearly every lead: two is where a search starts to narrow.</summary>
    public const int MinLength = 2;

    /// <summary>A search box, not a document: longer texts are a paste gone wrong.</summary>
    public const int MaxLength = 100;

    /// <summary>The most matches a kind returns at once (its list, linked from the results, pages through the rest).</summary>
    public const int MaxPerKind = 50;
}

/// <summary>Matches of one kind: the first few and the size of the whole set (an estimate when <see cref="TotalIsEstimate"/>).</summary>
public sealed record SearchHits<T>(IReadOnlyList<T> Items, long Total, bool TotalIsEstimate = false)
{
    public static SearchHits<T> None { get; } = new([], 0);
}

/// <summary>
/// What one search found, by kind; null for a kind the actor may not open. <see cref="Tasks"/>: the open tasks the actor
/// may touch (their own, and their team's with <see cref="Capability.AnalyticsTeam"/>) by title or notes.
/// </summary>
public sealed record GlobalSearchResults(
    string Text, SearchHits<LeadRow>? Leads, SearchHits<AccountRow>? Accounts, SearchHits<CampaignRow>? Campaigns,
    SearchHits<TaskRow>? Tasks = null)
{
    public long Total => (Leads?.Total ?? 0) + (Accounts?.Total ?? 0) + (Campaigns?.Total ?? 0) + (Tasks?.Total ?? 0);
}
