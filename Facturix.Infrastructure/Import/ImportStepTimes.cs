using System.Diagnostics;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Where an import's database time went, step by step over all its batches, logged when the run ends: a slow import is
/// then diagnosed from the log (which statement, how much) rather than by re-running it under a profiler.
/// </summary>
internal sealed class ImportStepTimes
{
    private readonly Dictionary<string, TimeSpan> _totals = new(StringComparer.Ordinal);
    private readonly Stopwatch _watch = new();
    private string? _step;

    /// <summary>Ends the current step (if any) and starts timing <paramref name="step"/>.</summary>
    public void Begin(string step)
    {
        End();
        _step = step;
        _watch.Restart();
    }

    /// <summary>Ends the current step, adding its time to its total.</summary>
    public void End()
    {
        if (_step is null) return;
        _totals[_step] = _totals.GetValueOrDefault(_step) + _watch.Elapsed;
        _step = null;
    }

    /// <summary>"stage 1.2 s, decide 10.3 s, ...", in the order the steps first ran.</summary>
    public override string ToString() =>
        string.Join(", ", _totals.Select(t => $"{t.Key} {t.Value.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} s"));
}
