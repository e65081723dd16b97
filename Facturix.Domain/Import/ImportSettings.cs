namespace Facturix.Domain.Import;

public enum ImportFileKind
{
    /// <summary>.csv, .tsv, .txt</summary>
    Delimited,
    /// <summary>.xlsx (first worksheet)</summary>
    Excel,
}

/// <summary>
/// How to read a delimited file. Detected from the file, and each part can be overridden by the person in the wizard.
/// Ignored for Excel files except <see cref="HasHeader"/>.
/// </summary>
/// <param name="Encoding">A .NET encoding web name: "utf-8", "utf-16", "windows-1252", "iso-8859-1".</param>
/// <param name="Delimiter">',' ';' '\t' or '|'.</param>
/// <param name="Quote">Usually '"'.</param>
/// <param name="HasHeader">The first row names the columns (else columns are "Colonne 1", ...).</param>
public sealed record ImportFormat(string Encoding, char Delimiter, char Quote, bool HasHeader);

/// <summary>The lead field a column goes to.</summary>
public enum ImportField
{
    Ignore,
    FirstName,
    LastName,
    /// <summary>"Jean Dupont" in one column: split on the first space.</summary>
    FullName,
    JobTitle,
    Company,
    Email,
    Phone,
    Country,
    City,
    Siren,
    Website,
    CompanyEmployees,
    Source,
    /// <summary>Kept in the lead's custom fields under <see cref="ColumnMapping.CustomKey"/>.</summary>
    Custom,
}

/// <param name="Column">0-based column index in the file.</param>
/// <param name="Header">The column's header as read (or "Colonne N"): what the person sees.</param>
/// <param name="Field">Where it goes.</param>
/// <param name="CustomKey">The custom field's name when <paramref name="Field"/> is Custom.</param>
public sealed record ColumnMapping(int Column, string Header, ImportField Field, string? CustomKey = null);

/// <summary>Everything the wizard decided: how to read the file, where each column goes, what to do with duplicates.</summary>
public sealed record ImportSettings(ImportFormat Format, IReadOnlyList<ColumnMapping> Columns, DuplicatePolicy DuplicatePolicy);
