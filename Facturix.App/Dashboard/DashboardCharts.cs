using System.Globalization;
using MudBlazor;
using Tokens = Facturix.App.Shell.FacturixTheme.Tokens;

namespace Facturix.App.Dashboard;

/// <summary>Chart options in the design system's colours (mint first, then info, warning, error, muted text).</summary>
internal static class DashboardCharts
{
    public static readonly string[] Palette = [Tokens.Primary, Tokens.Info, Tokens.Warning, Tokens.Error, Tokens.TextMutedLight];

    public static LineChartOptions Line() => new()
    {
        ChartPalette = Palette,
        YAxisTicks = 5,
        MaxNumYAxisTicks = 6,
        YAxisFormat = "0",
        YAxisRequireZeroPoint = true,
        ClampToZero = true,
        LineStrokeWidth = 2,
        ShowLegend = true,
    };

    public static BarChartOptions Bar() => new()
    {
        ChartPalette = Palette,
        YAxisTicks = 5,
        MaxNumYAxisTicks = 6,
        YAxisFormat = "0",
        ShowLegend = false,
    };

    /// <summary>
    /// Bars of percentages (values 0..100), the axis saying so as the reader writes it: "50 %" with a narrow no-break
    /// space in French (the sign never wraps alone), "50%" in English. Built per component, in the circuit's culture.
    /// </summary>
    public static BarChartOptions PercentBar()
    {
        var options = Bar();
        options.YAxisFormat = CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "fr" ? "0'\u202F%'" : "0'%'";
        return options;
    }
}
