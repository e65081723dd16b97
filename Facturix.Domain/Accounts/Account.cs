namespace Facturix.Domain.Accounts;

/// <summary>A client of the agency: the company whose prospecting campaigns we run.</summary>
public sealed class Account
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Industry { get; set; }
    public string? Website { get; set; }
    /// <summary>French company identifier (9 digits), when the client is French.</summary>
    public string? Siren { get; set; }
    public string? City { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "FR";
    public string? Notes { get; set; }
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    /// <summary>The manager responsible for the client.</summary>
    public Guid? OwnerId { get; set; }
    public string? ClientContactName { get; set; }
    public string? ClientContactEmail { get; set; }
    public string? ClientContactPhone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Soft delete: archived accounts disappear from lists but keep their history.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    /// <summary>Optimistic concurrency token (PostgreSQL's xmin): two people saving the same account get a conflict, not an overwrite.</summary>
    public uint Version { get; set; }
}
