namespace Facturix.Domain.Accounts;

/// <summary>A staff member (typically a manager) responsible for a client account.</summary>
public sealed class AccountAssignment
{
    public Guid AccountId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}
