using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Import;

/// <summary>
/// Mappings remembered per account (issue 15): a later file with the same headers gets the same mapping. The wizard
/// reads them (<see cref="ImportFiles.ProposeMappingAsync"/>); starting an import saves them (the job's StartAsync).
/// </summary>
internal static class ImportMappingTemplates
{
    /// <summary>
    /// UTF-8 bytes kept as they are. The signature is part of the primary key, and a b-tree entry holds at most about 2,700
    /// bytes: 4,000 characters of non-Latin headers (3 bytes each) made the start of such an import fail.
    /// </summary>
    internal const int MaxSignatureBytes = 1000;

    /// <summary>Enums as names: a template stays readable and survives a reordering of <see cref="ImportField"/>.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// The headers folded (<see cref="ImportMappingGuesser.Fold"/>) and joined with U+001F, so "Prénom" and "prenom" give
    /// one signature. Past <see cref="MaxSignatureBytes"/>, a SHA-256 of it stands in (a file with a hundred columns).
    /// </summary>
    public static string SignatureOf(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signature = string.Join('\u001f', headers.Select(ImportMappingGuesser.Fold));
        return Encoding.UTF8.GetByteCount(signature) <= MaxSignatureBytes
            ? signature
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)));
    }

    /// <summary>The account's mapping for these headers, or null (or one that no longer fits them).</summary>
    public static async Task<IReadOnlyList<ColumnMapping>?> FindAsync(FacturixDb db, Guid accountId, IReadOnlyList<string> headers, CancellationToken ct)
    {
        var signature = SignatureOf(headers);
        var json = await db.ImportMappingTemplates.AsNoTracking()
            .Where(t => t.AccountId == accountId && t.HeaderSignature == signature).Select(t => t.Mapping).FirstOrDefaultAsync(ct);
        if (json is null) return null;
        var saved = JsonSerializer.Deserialize<List<ColumnMapping>>(json, Json);
        if (saved is null || saved.Any(c => c.Column < 0 || c.Column >= headers.Count)) return null;
        // Every column gets a mapping, labelled as this file names it.
        var byColumn = saved.GroupBy(c => c.Column).ToDictionary(g => g.Key, g => g.First());
        return headers.Select((h, i) => byColumn.TryGetValue(i, out var c) ? c with { Header = h } : new ColumnMapping(i, h, ImportField.Ignore)).ToList();
    }

    /// <summary>
    /// Remembers <paramref name="columns"/> for the account and these headers (replacing an earlier one); the caller's
    /// SaveChanges writes it, with the import's start.
    /// </summary>
    public static async Task SaveAsync(FacturixDb db, Guid accountId, IReadOnlyList<string> headers, IReadOnlyList<ColumnMapping> columns,
        Actor actor, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var signature = SignatureOf(headers);
        var json = JsonSerializer.Serialize(columns, Json);
        var template = await db.ImportMappingTemplates.FirstOrDefaultAsync(t => t.AccountId == accountId && t.HeaderSignature == signature, ct);
        if (template is null)
            db.ImportMappingTemplates.Add(new ImportMappingTemplate
            {
                AccountId = accountId, HeaderSignature = signature, Mapping = json, UpdatedById = actor.UserId, UpdatedAt = now,
            });
        else
        {
            template.Mapping = json;
            template.UpdatedById = actor.UserId;
            template.UpdatedAt = now;
        }
    }
}
