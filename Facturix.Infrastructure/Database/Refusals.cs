using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Database;

/// <summary>
/// Refusals every service raises the same way: a coded failure on one field, for rules only the service or the database
/// can check, and the unique-index violation behind a lost race. (They lived in the campaigns' setup guards, and leads,
/// users, accounts, goals and calls reached into that file for them; the bulk service kept its own copy.)
/// </summary>
internal static class Refusals
{
    /// <summary>A refusal on one field of the form, shown on it by the App (ErrorStrings by code).</summary>
    public static ValidationException Invalid(string property, string code, object? value = null) =>
        new([new ValidationFailure(property, code, value) { ErrorCode = code }]);

    /// <summary>The unique-index violation behind a lost race, by index name.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string indexName) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } pg
        && pg.ConstraintName == indexName;
}
