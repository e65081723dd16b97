namespace Facturix.Domain.Leads.Views;

/// <summary>
/// A named leads-list view (backlog 2.3.1): filters, sort, visible columns and view mode, stored as JSON in
/// <see cref="Definition"/> so adding a filter needs no migration. Private to <see cref="OwnerId"/> unless
/// <see cref="IsShared"/>: a manager shares a view with the team, and a shared view can be a campaign's preset (2.3.2).
/// </summary>
public sealed class SavedView
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public required string Name { get; set; }
    public bool IsShared { get; set; }
    /// <summary>JSON of <see cref="LeadViewDefinition"/>.</summary>
    public required string Definition { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
