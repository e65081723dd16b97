using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Audit;

/// <summary>
/// What the audit log page filters by; every part is optional. <see cref="ActorEmail"/> and <see cref="Target"/>
/// match case-insensitively on part of the text; <see cref="Target"/> matches the target's label, its type or its
/// id. <see cref="From"/> is inclusive and <see cref="To"/> exclusive (UTC instants: the page turns the person's
/// dates into their zone's midnights).
/// </summary>
public sealed record AuditQuery(
    string? ActorEmail = null,
    string? Action = null,
    string? Target = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>One audit event as the log shows it. <see cref="Before"/> and <see cref="After"/> are JSON (or null).</summary>
/// <param name="ActorEmail">The actor's email; for a sign-in attempt without a known actor, the email typed.</param>
/// <param name="Details">The stored details when they are not the before/after shape (sign-in attempts), else null.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset OccurredAt,
    string? ActorEmail,
    string? ActorName,
    string Action,
    string EntityType,
    Guid? EntityId,
    string? TargetLabel,
    string? Before,
    string? After,
    string? Details,
    string? ClientIp);

/// <summary>
/// Reading the append-only audit trail (backlog 2.7.5) with <see cref="Capability.AuditRead"/>. An actor without
/// agency-wide scope sees only the events of the people in their scope (decision 0026), and of those only the ones whose
/// lead, campaign or account target is in their scope too (decision 0073). There is deliberately no
/// way to change or remove an event, here or anywhere: the database refuses it too.
/// </summary>
public interface IAuditLog
{
    /// <summary>One page of the events matching <paramref name="query"/>, newest first.</summary>
    Task<PagedResult<AuditEntry>> SearchAsync(Actor actor, AuditQuery query, PageRequest page, CancellationToken ct = default);

    /// <summary>The distinct actions recorded so far (for the action filter), alphabetically.</summary>
    Task<IReadOnlyList<string>> ListActionsAsync(Actor actor, CancellationToken ct = default);

    /// <summary>
    /// Writes the events matching <paramref name="query"/>, newest first and at most <see cref="AuditLimits.MaxExportRows"/>, to
    /// <paramref name="output"/> as UTF-8 CSV with a byte order mark, every cell neutralised against formula
    /// injection (<see cref="CsvCells"/>); records an <c>audit.exported</c> event with the filter. Returns the row count.
    /// Each row keeps its action and target type codes and adds them as <paramref name="labels"/> word them for the reader
    /// (the last two columns); without labels, those columns repeat the codes.
    /// </summary>
    Task<int> ExportCsvAsync(Actor actor, AuditQuery query, Stream output, AuditExportLabels? labels = null, CancellationToken ct = default);
}

/// <summary>
/// How the export words an event for the person who downloads it, in their language: an action code
/// ("signin.succeeded" as "Connexion réussie" or "Signed in") and a target type ("campaign" as "campagne"). The words
/// live in the App's resources; the codes stay in the file beside them, for filters and scripts.
/// </summary>
public sealed record AuditExportLabels(Func<string, string> Action, Func<string, string> EntityType)
{
    /// <summary>No words: the label columns repeat the codes.</summary>
    public static AuditExportLabels Codes { get; } = new(code => code, code => code);
}

public static class AuditLimits
{
    /// <summary>An export stops after this many rows (newest first): narrow the filter for older events.</summary>
    public const int MaxExportRows = 100_000;
}
