using System.Text.Json.Nodes;
using Facturix.Domain.Audit;

namespace Facturix.Tests.Accounts;

/// <summary>Reads an audit row's before/after details (stored as jsonb, so compared as JSON, not as text).</summary>
internal static class AuditJson
{
    public static string? Value(AuditEvent audit, string side, string field) =>
        JsonNode.Parse(audit.Details!)?[side]?[field]?.GetValue<string>();

    public static List<string> Strings(AuditEvent audit, string side, string field) =>
        JsonNode.Parse(audit.Details!)?[side]?[field]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
