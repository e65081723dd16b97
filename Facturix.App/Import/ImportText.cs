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

    /// <summary>How far the import has read its file, 0 to 100; null while its total is not known yet.</summary>
    public static double? Percent(ImportSummary import) => import switch
    {
        { State: ImportState.Completed or ImportState.Reverted } => 100,
        { TotalRows: > 0 and var total } => Math.Min(100, 100.0 * import.RowsRead / total),
        { TotalRows: 0 } => 100,
        _ => null,
    };

    /// <summary>
    /// The tab's title: a running import leads with how far it is ("42 % · clients.csv"), so a person working in another
    /// tab sees it move and finish; otherwise the file's name.
    /// </summary>
    public static string Title(IStringLocalizer<ImportStrings> l, ImportSummary import) =>
        import.State == ImportState.Running && Percent(import) is { } percent
            ? l["Progress.TitleRunning", Math.Floor(percent).ToString("0", CultureInfo.CurrentCulture), import.FileName]
            : import.FileName;

    /// <summary>
    /// The "your import finished" notice (<see cref="ImportDoneNotice"/>): a completed import names the leads it created and
    /// only the other counts that are not zero; a failed or stopped one says so.
    /// </summary>
    public static string Done(IStringLocalizer<ImportStrings> l, ImportSummary import)
    {
        switch (import.State)
        {
            case ImportState.Failed:
                return l["Done.Failed", import.FileName];
            case ImportState.Stopped:
                return l["Done.Stopped", import.FileName];
        }
        List<string> counts = [l.Plural("Done.Created", import.Created, Number(import.Created))];
        if (import.Updated > 0) counts.Add(l.Plural("Done.Updated", import.Updated, Number(import.Updated)));
        if (import.Duplicates > 0) counts.Add(l.Plural("Done.Duplicates", import.Duplicates, Number(import.Duplicates)));
        if (import.Rejected > 0) counts.Add(l.Plural("Done.Rejected", import.Rejected, Number(import.Rejected)));
        return l["Done.Completed", import.FileName, string.Join(", ", counts)];
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
