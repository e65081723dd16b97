using System.Globalization;
using MudBlazor;
using MudBlazor.Charts;
using Tokens = Facturix.App.Shell.FacturixTheme.Tokens;

namespace Facturix.App.Dashboard;

/// <summary>
/// Chart options in the design system's colours (mint first, then info, warning, error, muted text). Built per
/// component, in the circuit's culture: MudChart formats an axis's numbers in the invariant culture ("6400") unless
/// given a function, so the axes are written as the tables under them are ("6 400" in French, "6,400" in English).
/// </summary>
internal static class DashboardCharts
{
    public static readonly string[] Palette = [Tokens.Primary, Tokens.Info, Tokens.Warning, Tokens.Error, Tokens.TextMutedLight];

    public static LineChartOptions Line() => new()
    {
        ChartPalette = Palette,
        MaxNumYAxisTicks = 6,
        YAxisToStringFunc = Counts(CultureInfo.CurrentCulture),
        YAxisRequireZeroPoint = true,
        ClampToZero = true,
        LineStrokeWidth = 2,
        ShowLegend = true,
    };

    public static BarChartOptions Bar() => new()
    {
        ChartPalette = Palette,
        MaxNumYAxisTicks = 6,
        YAxisToStringFunc = Counts(CultureInfo.CurrentCulture),
        ShowLegend = false,
    };

    /// <summary>
    /// Bars of percentages (values 0..100), the axis saying so as the reader writes it: "50 %" with a narrow no-break
    /// space in French (the sign never wraps alone), "50%" in English.
    /// </summary>
    public static BarChartOptions PercentBar()
    {
        var options = Bar();
        var culture = CultureInfo.CurrentCulture;
        var sign = culture.TwoLetterISOLanguageName == "fr" ? "\u202F%" : "%";
        options.YAxisToStringFunc = value => value.ToString("N0", culture) + sign;
        return options;
    }

    /// <summary>
    /// Sets the axis to round steps (1, 2 or 5 times a power of ten) for these series, and returns them. MudChart doubles
    /// its step from <c>YAxisTicks</c> until the lines fit, which wrote "0, 1 280, 2 560, 3 840" for 6,400 leads; now
    /// "0, 2 000, 4 000, 6 000, 8 000". Called from the markup, as the series are built for each render.
    /// </summary>
    public static List<ChartSeries<double>> WithRoundSteps(IAxisChartOptions options, List<ChartSeries<double>> series)
    {
        var max = series.SelectMany(s => s.Data).DefaultIfEmpty(0).Max();
        options.YAxisTicks = RoundStep(max, options.MaxNumYAxisTicks);
        return series;
    }

    /// <summary>The smallest round whole step that draws 0 to <paramref name="max"/> in at most <paramref name="lines"/> lines.</summary>
    public static int RoundStep(double max, int lines)
    {
        var least = max / Math.Max(1, lines - 1);
        if (least <= 1) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(least)));
        var multiple = least <= power ? 1 : least <= 2 * power ? 2 : least <= 5 * power ? 5 : 10;
        return (int)Math.Min(int.MaxValue, multiple * power);
    }

    /// <summary>
    /// At most <paramref name="most"/> labels under a chart, the newest always among them, the others left blank: MudChart
    /// writes every label, and 22 weeks ran together as "15/0622/0629/06…". The table behind the chart names every point.
    /// </summary>
    public static string[] Sparse(string[] labels, int most = 8)
    {
        var every = (int)Math.Ceiling(labels.Length / (double)Math.Max(1, most));
        if (every <= 1) return labels;
        return labels.Select((label, i) => (labels.Length - 1 - i) % every == 0 ? label : "").ToArray();
    }

    /// <summary>Whole numbers grouped by thousands in <paramref name="culture"/>, captured once: the axis is drawn later.</summary>
    private static Func<double, string> Counts(CultureInfo culture) => value => value.ToString("N0", culture);
}
