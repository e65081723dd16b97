using Facturix.Domain.Common;

namespace Facturix.Infrastructure.Campaigns;

/// <summary>Reordering a campaign's statuses or outcomes: the same rule for both lists.</summary>
internal static class SortOrder
{
    /// <summary>
    /// Gives <paramref name="items"/> the order of <paramref name="orderedIds"/> and returns the keys before and after
    /// (for the audit row), or null when nothing moved. A list that is not exactly the campaign's set was read before
    /// someone else added or deleted an item: a concurrency conflict, not a partial reorder.
    /// </summary>
    public static (List<string> Before, List<string> After)? Apply<T>(
        Guid campaignId, IReadOnlyCollection<T> items, IReadOnlyList<Guid> orderedIds,
        Func<T, Guid> id, Func<T, string> key, Func<T, int> order, Action<T, int> setOrder)
    {
        if (orderedIds.Count != items.Count || !items.Select(id).ToHashSet().SetEquals(orderedIds))
            throw ConflictException.Concurrency("campaign", campaignId);

        var before = items.OrderBy(order).Select(key).ToList();
        var byId = items.ToDictionary(id);
        for (var i = 0; i < orderedIds.Count; i++)
            setOrder(byId[orderedIds[i]], i);
        var after = orderedIds.Select(x => key(byId[x])).ToList();
        return before.SequenceEqual(after) ? null : (before, after);
    }
}
