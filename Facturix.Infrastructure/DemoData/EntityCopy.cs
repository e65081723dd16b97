using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Writes entities with PostgreSQL binary COPY, taking table names, column names and value conversions (enums as text)
/// from the EF model, so the seeder follows the schema instead of repeating it. Database-generated identity keys are
/// left to the database.
/// </summary>
internal sealed class EntityCopy<T> where T : class
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, string> _columnNames;

    public EntityCopy(IModel model)
    {
        var entityType = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not part of the EF model.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);

        _columnNames = entityType.GetProperties().ToDictionary(p => p.Name, p => Quote(p.GetColumnName(store)!), StringComparer.Ordinal);
        _columns = entityType.GetProperties()
            .Where(p => !IsDatabaseGenerated(p))
            .Select(p => new Column(
                p.GetColumnName(store) ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no column."),
                Getter(p),
                p.GetTypeMapping().Converter,
                DbType(p)))
            .ToArray();

        TableName = Quote(table);
        if (schema is not null) TableName = $"{Quote(schema)}.{TableName}";
        CopyCommand = $"COPY {TableName} ({string.Join(", ", _columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>The quoted (schema-qualified when needed) table name, for hand-written SQL.</summary>
    public string TableName { get; }

    public string CopyCommand { get; }

    public async Task<ulong> WriteAsync(NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyCommand, ct);
        // Completing a large COPY waits for the server to finish the rows' index entries: far longer than a command timeout.
        importer.Timeout = TimeSpan.FromMinutes(30);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in _columns)
            {
                var value = column.Get(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                    continue;
                }
                if (column.Converter is not null) value = column.Converter.ConvertToProvider(value);
                switch (value)
                {
                    case null: await importer.WriteNullAsync(ct); break;
                    case string s: await importer.WriteAsync(s, column.DbType, ct); break;
                    case Guid g: await importer.WriteAsync(g, column.DbType, ct); break;
                    case int i: await importer.WriteAsync(i, column.DbType, ct); break;
                    case long l: await importer.WriteAsync(l, column.DbType, ct); break;
                    case bool b: await importer.WriteAsync(b, column.DbType, ct); break;
                    // timestamptz accepts only UTC offsets.
                    case DateTimeOffset d: await importer.WriteAsync(d.ToUniversalTime(), column.DbType, ct); break;
                    case DateOnly d: await importer.WriteAsync(d, column.DbType, ct); break;
                    default: await importer.WriteAsync(value, column.DbType, ct); break;
                }
            }
        }
        return await importer.CompleteAsync(ct);
    }

    /// <summary>A property's column name for hand-written SQL (quoted).</summary>
    public string ColumnName(string propertyName) =>
        _columnNames.TryGetValue(propertyName, out var name) ? name : throw new InvalidOperationException($"{typeof(T).Name}.{propertyName} is not mapped.");

    /// <summary>
    /// Identity keys, and columns the database writes on every insert and update: row versions (PostgreSQL's system
    /// column xmin, which no COPY may write) and trigger-filled columns such as leads.search_text (shadow properties).
    /// </summary>
    private static bool IsDatabaseGenerated(IProperty property) =>
        property.ValueGenerated == ValueGenerated.OnAddOrUpdate
        || property.ValueGenerated == ValueGenerated.OnAdd
        && property.IsPrimaryKey()
        && property.ClrType != typeof(Guid);

    private static Func<T, object?> Getter(IProperty property)
    {
        var info = property.PropertyInfo
            ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a shadow or field-only property.");
        var entity = Expression.Parameter(typeof(T), "entity");
        var body = Expression.Convert(Expression.Property(entity, info), typeof(object));
        return Expression.Lambda<Func<T, object?>>(body, entity).Compile();
    }

    private static NpgsqlDbType DbType(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        var providerType = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? property.ClrType)
            ?? mapping.Converter?.ProviderClrType ?? property.ClrType;
        var storeType = mapping.StoreType;
        if (providerType == typeof(string))
            return storeType.StartsWith("jsonb", StringComparison.OrdinalIgnoreCase) ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text;
        if (providerType == typeof(Guid)) return NpgsqlDbType.Uuid;
        if (providerType == typeof(int)) return NpgsqlDbType.Integer;
        if (providerType == typeof(long)) return NpgsqlDbType.Bigint;
        if (providerType == typeof(short)) return NpgsqlDbType.Smallint;
        if (providerType == typeof(bool)) return NpgsqlDbType.Boolean;
        if (providerType == typeof(DateTimeOffset)) return NpgsqlDbType.TimestampTz;
        if (providerType == typeof(DateTime))
            return storeType.Contains("with time zone", StringComparison.OrdinalIgnoreCase) ? NpgsqlDbType.TimestampTz : NpgsqlDbType.Timestamp;
        if (providerType == typeof(DateOnly)) return NpgsqlDbType.Date;
        if (providerType == typeof(TimeOnly)) return NpgsqlDbType.Time;
        if (providerType == typeof(double)) return NpgsqlDbType.Double;
        if (providerType == typeof(decimal)) return NpgsqlDbType.Numeric;
        if (providerType == typeof(byte[])) return NpgsqlDbType.Bytea;
        if (providerType == typeof(List<string>) || providerType == typeof(string[])) return NpgsqlDbType.Array | NpgsqlDbType.Text;
        if (providerType == typeof(List<Guid>) || providerType == typeof(Guid[])) return NpgsqlDbType.Array | NpgsqlDbType.Uuid;
        throw new NotSupportedException($"No COPY mapping for {typeof(T).Name}.{property.Name} ({providerType.Name}, {storeType}).");
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Name, Func<T, object?> Get, ValueConverter? Converter, NpgsqlDbType DbType);
}
