namespace Facturix.App.Leads;

/// <summary>
/// The ids of the leads list's rows on screen, for its live lock filter, which runs on the bus's thread: the set is swapped
/// whole, never changed in place.
/// </summary>
internal sealed class ShownLeadIds
{
    private volatile IReadOnlySet<Guid>? _ids;

    public void Show(IEnumerable<Guid> ids) => _ids = ids.ToHashSet();

    /// <summary>
    /// Whether the lead may be on screen. Until the first page has loaded, any lead may: the live refresh replays the
    /// events of the page's load at subscription (decision 0067), before the rows are known, and a lock among them would
    /// otherwise be dropped while the page shows the lead unlocked.
    /// </summary>
    public bool MayShow(Guid leadId) => _ids is not { } ids || ids.Contains(leadId);
}
