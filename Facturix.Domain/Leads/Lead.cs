namespace Facturix.Domain.Leads;

/// <summary>
/// A prospect in a campaign's list. The lock columns implement the lease described in architecture.md:
/// a BD holds a lead while <see cref="LockExpiresAt"/> is in the future.
/// </summary>
public sealed class Lead
{
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    /// <summary>Denormalised from the campaign so that portal and account queries avoid a join.</summary>
    public Guid AccountId { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.New;
    /// <summary>Optional campaign-specific status refining <see cref="Status"/>.</summary>
    public Guid? CampaignStatusId { get; set; }
    public int Score { get; set; }

    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? JobTitle { get; set; }
    public required string Company { get; set; }
    public string? Email { get; set; }
    /// <summary>E.164, e.g. +33612345678.</summary>
    public string? Phone { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "FR";
    /// <summary>
    /// IANA zone the lead is called in, derived from its phone (libphonenumber), else its country; null means the
    /// campaign's zone. Kept by every write that changes the phone or the country, so Get Next can filter in SQL.
    /// </summary>
    public string? TimeZone { get; set; }
    public string? City { get; set; }
    public string? Siren { get; set; }
    public string? Source { get; set; }
    /// <summary>The company's website (absolute URL); its domain is a duplicate key.</summary>
    public string? Website { get; set; }
    /// <summary>The company's headcount when known: part of the score's fit.</summary>
    public int? CompanyEmployees { get; set; }

    /// <summary>Extra columns an import mapped to custom fields: a JSON object (name → text value); null when there are none.</summary>
    public string? CustomFields { get; set; }
    /// <summary>The import that created this lead, so that reverting it can remove exactly its leads.</summary>
    public Guid? ImportId { get; set; }

    /// <summary>The BD who owns the relationship (filters "my leads"); independent of who holds the lock.</summary>
    public Guid? OwnerId { get; set; }
    /// <summary>Higher is called sooner among leads due at the same time.</summary>
    public int Priority { get; set; }
    /// <summary>Call attempts so far, for the campaign's attempt cap.</summary>
    public int CallAttempts { get; set; }

    public Guid? LockedById { get; set; }
    public DateTimeOffset? LockedAt { get; set; }
    public DateTimeOffset? LockExpiresAt { get; set; }

    /// <summary>When the lead is due for its next call; null means "as soon as possible".</summary>
    public DateTimeOffset? NextCallAt { get; set; }
    public DateTimeOffset? LastContactedAt { get; set; }
    /// <summary>Time of the newest activity of any kind, kept on the row so lists filter and sort without a join.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token (PostgreSQL's xmin): two people editing the same lead get a conflict, not an overwrite.</summary>
    public uint Version { get; set; }

    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public bool IsLockedAt(DateTimeOffset now) => LockedById is not null && LockExpiresAt > now;
}
