namespace Facturix.Domain.Leads;

/// <summary>
/// Filters of the leads list; null means "any". <see cref="Search"/> matches first name, last name, company, email and
/// phone, ignoring case and accents and tolerating a typo (docs/decisions/0032). Date bounds are inclusive instants
/// (the page turns the person's local days into them). <see cref="HasEmail"/>/<see cref="HasPhone"/>: true = must have one,
/// false = must have none. <see cref="ImportId"/>: the leads an import created or updated (its result page's link).
/// </summary>
public sealed record LeadListQuery(
    string? Search = null,
    Guid? CampaignId = null,
    Guid? AccountId = null,
    StatusCategory? Category = null,
    Guid? CampaignStatusId = null,
    Guid? OwnerId = null,
    int? ScoreMin = null,
    int? ScoreMax = null,
    string? Country = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    DateTimeOffset? LastActivityFrom = null,
    DateTimeOffset? LastActivityTo = null,
    bool? HasEmail = null,
    bool? HasPhone = null,
    bool? IsDuplicate = null,
    Guid? ImportId = null)
{
    /// <summary>True when any filter narrows the list.</summary>
    public bool IsFiltered => this != Empty;

    public static LeadListQuery Empty { get; } = new();

    /// <summary>Sortable columns (<see cref="Common.PageRequest.SortBy"/>); anything else sorts by newest first.</summary>
    public static class Sort
    {
        public const string Name = "name";
        public const string Company = "company";
        public const string Campaign = "campaign";
        public const string Status = "status";
        public const string Score = "score";
        public const string Country = "country";
        public const string CreatedAt = "created";
        public const string LastActivityAt = "last-activity";
    }
}

/// <summary>One row of the leads list. <see cref="LockedByEmail"/> is set while someone holds the lead's lock.</summary>
public sealed record LeadRow(
    Guid Id, Guid CampaignId, string CampaignName, string AccountName, string? FirstName, string? LastName, string Company,
    string? Email, string? Phone, string Country, LeadStatus Status, string? CampaignStatusLabel, int Score, string? OwnerName,
    DateTimeOffset CreatedAt, DateTimeOffset? LastActivityAt, string? LockedByEmail)
{
    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public StatusCategory Category => Status.Category();

    /// <summary>The company is also prospected for another client (duplicate scan, docs/decisions/0041); shown to managers only.</summary>
    public bool HasCrossClientConflict { get; init; }
}

/// <summary>A page of the list and the size of the whole filtered list (an estimate when <see cref="TotalIsEstimate"/>).</summary>
public sealed record LeadPage(IReadOnlyList<LeadRow> Items, long Total, bool TotalIsEstimate)
{
    public static LeadPage Empty { get; } = new([], 0, false);
}

public sealed record LeadFilterCampaign(Guid Id, string Name, Guid AccountId);

public sealed record LeadFilterAccount(Guid Id, string Name);

public sealed record LeadFilterOwner(Guid UserId, string Email, string DisplayName);

public sealed record LeadFilterStatus(Guid Id, string Label, LeadStatus Stage, StatusCategory Category);

/// <summary>The import a list is narrowed to: what its chip names (the file, and when it was started).</summary>
public sealed record LeadFilterImport(Guid Id, string FileName, DateTimeOffset CreatedAt);

/// <summary>
/// Choices of the list's filters, all within the actor's scope. <see cref="Statuses"/> is empty unless a campaign was given;
/// <see cref="Import"/> is set when an import was given and its campaign is in scope.
/// </summary>
public sealed record LeadFilterOptions(
    IReadOnlyList<LeadFilterCampaign> Campaigns, IReadOnlyList<LeadFilterAccount> Accounts, IReadOnlyList<LeadFilterOwner> Owners,
    IReadOnlyList<LeadFilterStatus> Statuses, IReadOnlyList<string> Countries)
{
    public static LeadFilterOptions None { get; } = new([], [], [], [], []);

    public LeadFilterImport? Import { get; init; }
}
