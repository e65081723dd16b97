namespace Facturix.Domain.Audit;

/// <summary>
/// CSV injection (OWASP "CSV Injection"): a spreadsheet opening an exported file runs a cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage return, which some programs skip before
/// reading one of those) as a formula. Every text cell we export goes through <see cref="Neutralise"/>.
/// </summary>
public static class CsvCells
{
    /// <summary>The characters that make a cell read as a formula when it starts with one of them.</summary>
    public static IReadOnlyList<char> FormulaStarts { get; } = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// The cell as a spreadsheet shows it but never evaluates it: prefixed with a single quote when it starts
    /// with one of <see cref="FormulaStarts"/>, unchanged otherwise (null stays null).
    /// </summary>
    public static string? Neutralise(string? cell) =>
        cell is { Length: > 0 } && FormulaStarts.Contains(cell[0]) ? "'" + cell : cell;
}
