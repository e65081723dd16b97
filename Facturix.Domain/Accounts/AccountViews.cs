using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;

namespace Facturix.Domain.Accounts;

/// <summary>
/// Filters of the accounts list. <see cref="Search"/> matches the name or the city (contains, any case) or the SIREN
/// (starts with); the others are exact. Archived accounts are listed only when <see cref="Archived"/> is true, and then only them.
/// </summary>
public sealed record AccountListQuery(
    string? Search = null, AccountStatus? Status = null, string? Industry = null, Guid? ManagerId = null, bool Archived = false)
{
    /// <summary>Sortable columns (<see cref="Common.PageRequest.SortBy"/>); anything else sorts by name.</summary>
    public static class Sort
    {
        public const string Name = "name";
        public const string City = "city";
        public const string Industry = "industry";
        public const string Status = "status";
        public const string CreatedAt = "created";
    }
}

/// <summary>One row of the accounts list.</summary>
public sealed record AccountRow(
    Guid Id, string Name, string? Siren, string? City, string Country, string? Industry, AccountStatus Status,
    int CampaignCount, IReadOnlyList<string> Managers, DateTimeOffset CreatedAt, bool Archived);

/// <summary>A staff member responsible for an account (or one who could be).</summary>
public sealed record AccountManager(Guid UserId, string Email, string DisplayName);

public sealed record AccountCampaign(Guid Id, string Name, CampaignState State);

/// <summary>One line of an account's recent activity: what, who, when, on which lead.</summary>
public sealed record AccountActivity(
    Guid Id, ActivityKind Kind, string? UserName, DateTimeOffset OccurredAt, Guid? LeadId, string? LeadName, string? Subject);

/// <summary>What the account page shows. <see cref="Version"/> goes back with an edit, so a concurrent edit is a conflict.</summary>
public sealed record AccountDetails(
    Guid Id, string Name, string? Industry, string? Website, string? Siren, string? City, string Country,
    AccountStatus Status, string? ClientContactName, string? ClientContactEmail, string? ClientContactPhone, string? Notes,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt, uint Version,
    IReadOnlyList<AccountManager> Managers, IReadOnlyList<AccountCampaign> Campaigns, IReadOnlyList<AccountActivity> RecentActivity)
{
    public bool Archived => ArchivedAt is not null;
}

/// <summary>Choices of the list's filters: industries in use and the staff who may be responsible for an account.</summary>
public sealed record AccountFilterOptions(IReadOnlyList<string> Industries, IReadOnlyList<AccountManager> Managers);
