using System.Globalization;
using Facturix.App.Localization;
using Facturix.Domain.Import;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Import;

/// <summary>Wording shared by the wizard, the progress page and the rejects download.</summary>
public static class ImportText
{
    /// <summary>"12,5 Mo" / "12.5 MB".</summary>
    public static string Size(IStringLocalizer<ImportStrings> l, long bytes) => bytes switch
    {
        >= 1024 * 1024 => l["Unit.MB", (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.CurrentCulture)],
        >= 1024 => l["Unit.KB", (bytes / 1024d).ToString("0.#", CultureInfo.CurrentCulture)],
        _ => l["Unit.Bytes", bytes.ToString(CultureInfo.CurrentCulture)],
    };

    /// <summary>
    /// A row's rejection reason (an error code such as <c>import.row.email.invalid</c>) in the current language; a code
    /// without a message reads as the generic "invalid value" rather than as the code.
    /// </summary>
    public static string Reason(IStringLocalizer<ErrorStrings> errors, string? code)
    {
        if (!string.IsNullOrEmpty(code))
        {
            var text = errors[code];
            if (!text.ResourceNotFound && !string.IsNullOrWhiteSpace(text.Value)) return text.Value;
        }
        return errors[Facturix.App.Shell.ErrorText.InvalidValueCode].Value;
    }

    /// <summary>The rejects file's added columns ("Ligne", "Motif" / "Line", "Reason") in the current language.</summary>
    public static ImportRejectsColumns RejectsColumns(IStringLocalizer<ImportStrings> l) =>
        new(l["Rejects.Line"], l["Rejects.Reason"], position => l["Rejects.UnnamedColumn", position]);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
