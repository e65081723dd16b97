using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Facturix.Infrastructure.Database;

/// <summary>
/// U+0000 in typed text. PostgreSQL's text cannot hold it and refuses the whole statement (SQLSTATE 22021), so one
/// pasted NUL in a note or a company name used to fail the save with "unexpected". The character means nothing to a
/// person and no browser shows it, so it is dropped on the way in, as the import drops it from files
/// (<c>ImportRowReader.WithoutNul</c>), rather than refused.
/// </summary>
internal static class NulCharacters
{
    /// <summary>Removes U+0000 from every string the next <c>SaveChanges</c> writes.</summary>
    public static void StripFrom(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && text.Contains('\0'))
                    property.CurrentValue = text.Replace("\0", "", StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// For JSON stored in <c>jsonb</c> (the audit's before/after): PostgreSQL refuses the escaped <c>\u0000</c> too
    /// (SQLSTATE 22P05), and the values there come from what the person typed, before any entity was cleaned.
    /// </summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Contains('\0') ? value.Replace("\0", "", StringComparison.Ordinal) : value);
    }
}
