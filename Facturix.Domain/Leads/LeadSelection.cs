namespace Facturix.Domain.Leads;

/// <summary>
/// The leads a bulk action, an export or a clean-up works on: either the rows ticked in the list
/// (<see cref="Ids"/>) or "all N matching the filter" (<see cref="Matching"/>), re-evaluated on the server within the
/// actor's scope at the time of the action. Exactly one of the two is set.
/// </summary>
public sealed record LeadSelection
{
    private LeadSelection(IReadOnlyList<Guid>? ids, LeadListQuery? matching) => (Ids, Matching) = (ids, matching);

    public IReadOnlyList<Guid>? Ids { get; }
    public LeadListQuery? Matching { get; }

    public static LeadSelection Of(IEnumerable<Guid> ids) => new(ids.Distinct().ToList(), null);

    public static LeadSelection AllMatching(LeadListQuery query) => new(null, query);

    public bool IsAllMatching => Matching is not null;
}
