namespace Facturix.Infrastructure.Leads;

/// <summary>Tuning of the leads list (docs/decisions/0033).</summary>
public sealed class LeadListOptions
{
    /// <summary>
    /// The list counts exactly up to this many rows (a bounded <c>count(*)</c> over at most this many); past it the
    /// total is PostgreSQL's planner estimate, marked as such. Tests lower it to exercise the estimate.
    /// </summary>
    public int ExactCountLimit { get; set; } = 10_000;
}
