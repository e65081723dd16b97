namespace Facturix.App.Shell;

/// <summary>
/// Which of a page's loads is the newest. A detail page loads from several places (its <see cref="LiveRefresh"/>, the
/// reload after a save, a state change, a dialog) and those loads may overlap: a live reload that began before a save
/// committed can end after the save's own reload, and would put the old values back on screen. Each load takes a ticket
/// before its first await and keeps its result only if no load started since (the later one read later):
/// <code>
/// private readonly NewestLoad _loads = new();
///
/// private async Task LoadAsync(CancellationToken ct)
/// {
///     var load = _loads.Start();
///     var lead = await Leads.GetAsync(actor, Id, ct);
///     if (!_loads.IsNewest(load)) return;
///     _lead = lead;
/// }
/// </code>
/// Loads run on the circuit's dispatcher, one continuation at a time, so a plain counter is enough.
/// </summary>
public sealed class NewestLoad
{
    private int _started;

    public int Start() => ++_started;

    public bool IsNewest(int load) => load == _started;
}
