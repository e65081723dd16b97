namespace Facturix.Domain.Leads.Duplicates;

/// <summary>
/// Leads found to be the same person or company for <see cref="Reason"/> (same <see cref="MatchKey"/>), by the
/// scheduled scan or on demand. A person can dismiss a group ("not duplicates"); a rescan keeps it dismissed.
/// </summary>
public sealed class LeadDuplicateGroup
{
    public Guid Id { get; set; }
    public DuplicateReason Reason { get; set; }
    /// <summary>The normalised value the members share (an email, an E.164 phone, a SIREN, a domain, or name+company).</summary>
    public required string MatchKey { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset? DismissedAt { get; set; }
    public Guid? DismissedById { get; set; }
}

/// <summary>A lead's membership of a <see cref="LeadDuplicateGroup"/>.</summary>
public sealed class LeadDuplicateMember
{
    public Guid GroupId { get; set; }
    public Guid LeadId { get; set; }
}

/// <summary>
/// A lead whose company (SIREN or website domain) is also prospected for another client (table
/// <c>lead_cross_client_conflicts</c>, rewritten by each duplicate scan). A narrow side table rather than a flag on
/// <c>leads</c>: a scan can flag most of a million leads, and rewriting that many wide lead rows dominated the scan.
/// </summary>
public sealed class LeadCrossClientConflict
{
    public Guid LeadId { get; set; }
}
