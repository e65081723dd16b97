using Facturix.Domain.Common;

namespace Facturix.Domain.Import;

/// <summary>Why the wizard refuses a file (issue 15): each has a French and English message in ErrorStrings.</summary>
public static class ImportFileErrors
{
    /// <summary>Over the 500 MB limit: declared so before storing, or found so while streaming.</summary>
    public const string TooLarge = "import.file.too-large";
    /// <summary>Not .csv, .tsv, .txt or .xlsx.</summary>
    public const string Extension = "import.file.extension";
    /// <summary>0 bytes, or only blank lines.</summary>
    public const string Empty = "import.file.empty";
    /// <summary>Not text: NUL bytes, control characters, or bytes the encoding cannot decode (a renamed binary file).</summary>
    public const string Binary = "import.file.binary";
    /// <summary>A header and no data row.</summary>
    public const string NoData = "import.file.no-data";
    /// <summary>An override the reader cannot use: unknown encoding, another delimiter, a quote equal to the delimiter.</summary>
    public const string FormatInvalid = "import.format.invalid";
    /// <summary>The .xlsx file cannot be opened as a workbook.</summary>
    public const string Unreadable = "import.file.unreadable";
    /// <summary>Only a draft can be previewed again or discarded; a started import has its own history.</summary>
    public const string NotDraft = "conflict.import-not-draft";

    public static IReadOnlyList<string> All { get; } = [TooLarge, Extension, Empty, Binary, NoData, FormatInvalid, Unreadable, NotDraft];
}

/// <summary>A file the wizard refuses, with one of <see cref="ImportFileErrors"/>' codes.</summary>
public sealed class ImportFileException(string code, string logMessage) : FacturixException(code, logMessage);
