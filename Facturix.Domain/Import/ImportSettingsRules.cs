using FluentValidation;

namespace Facturix.Domain.Import;

/// <summary>
/// What the wizard must have decided before an import can run or be dry-run: a readable format, a mapping that can give
/// a lead its name or company, each lead field fed by one column at most, named custom fields, a known duplicate policy.
/// </summary>
public sealed class ImportSettingsValidator : AbstractValidator<ImportSettings>
{
    public const int CustomKeyMaxLength = 100;
    public static readonly IReadOnlyList<char> Delimiters = [',', ';', '\t', '|'];

    public ImportSettingsValidator()
    {
        RuleFor(s => s.Format).NotNull().WithErrorCode("import.settings.format.required");
        RuleFor(s => s.Format.Encoding).NotEmpty().WithErrorCode("import.settings.encoding.required").When(s => s.Format is not null);
        RuleFor(s => s.Format.Delimiter).Must(d => Delimiters.Contains(d)).WithErrorCode("import.settings.delimiter.invalid")
            .When(s => s.Format is not null);
        RuleFor(s => s.DuplicatePolicy).IsInEnum().WithErrorCode("import.settings.duplicate-policy.invalid");
        RuleFor(s => s.Columns).Cascade(CascadeMode.Stop)
            .NotNull().WithErrorCode("import.settings.name-or-company.required")
            .Must(c => c.Any(m => m.Field is ImportField.FirstName or ImportField.LastName or ImportField.FullName or ImportField.Company))
            .WithErrorCode("import.settings.name-or-company.required")
            .Must(c => c.Where(m => m.Field is not ImportField.Ignore and not ImportField.Custom).GroupBy(m => m.Field).All(g => g.Count() == 1))
            .WithErrorCode("import.settings.field.duplicate")
            .Must(c => c.All(m => m.Column >= 0) && c.Select(m => m.Column).Distinct().Count() == c.Count)
            .WithErrorCode("import.settings.column.invalid")
            .Must(c => c.Where(m => m.Field == ImportField.Custom)
                .All(m => !string.IsNullOrWhiteSpace(m.CustomKey) && m.CustomKey.Trim().Length <= CustomKeyMaxLength))
            .WithErrorCode("import.settings.custom-key.required");
    }
}

/// <summary>The mapping compiled once per import: puts a row's cells into an <see cref="ImportRowInput"/> without lookups.</summary>
public sealed class ImportRowMapper
{
    private readonly (int Column, ImportField Field, string? Key)[] _columns;
    private readonly string _defaultCountry;

    public ImportRowMapper(IReadOnlyList<ColumnMapping> columns, string defaultCountry)
    {
        _columns = columns.Where(c => c.Field != ImportField.Ignore)
            .Select(c => (c.Column, c.Field, c.CustomKey?.Trim())).ToArray();
        _defaultCountry = defaultCountry;
    }

    public ImportRowInput Map(string[] cells)
    {
        var row = new ImportRowInput { DefaultCountry = _defaultCountry };
        foreach (var (column, field, key) in _columns)
        {
            var value = column < cells.Length ? cells[column] : null;
            if (string.IsNullOrEmpty(value)) continue;
            switch (field)
            {
                case ImportField.FirstName: row.FirstName = value; break;
                case ImportField.LastName: row.LastName = value; break;
                case ImportField.FullName: row.FullName = value; break;
                case ImportField.JobTitle: row.JobTitle = value; break;
                case ImportField.Company: row.Company = value; break;
                case ImportField.Email: row.Email = value; break;
                case ImportField.Phone: row.Phone = value; break;
                case ImportField.Country: row.Country = value; break;
                case ImportField.City: row.City = value; break;
                case ImportField.Siren: row.Siren = value; break;
                case ImportField.Website: row.Website = value; break;
                case ImportField.CompanyEmployees: row.CompanyEmployees = value; break;
                case ImportField.Source: row.Source = value; break;
                case ImportField.Custom: (row.Custom ??= []).Add(new(key!, value)); break;
            }
        }
        return row;
    }
}
