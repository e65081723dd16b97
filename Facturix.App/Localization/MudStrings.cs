using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Facturix.App.Localization;

/// <summary>Marker for MudBlazor's own texts in French (pager, dialogs, date pickers): MudStrings.resx.</summary>
public sealed class MudStrings;

/// <summary>
/// MudBlazor ships English only; it asks this localizer for every other UI culture. Keys are MudBlazor's
/// ("MudDataGridPager_RowsPerPage"); a key we do not translate falls back to MudBlazor's English.
/// </summary>
public sealed class FacturixMudLocalizer(IStringLocalizer<MudStrings> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => strings[key];

    public override LocalizedString this[string key, params object[] arguments] => strings[key, arguments];
}
