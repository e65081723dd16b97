using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;

namespace Facturix.Domain.Campaigns;

/// <summary>
/// Campaigns: the list and page everyone in scope reads (a BD sees the campaigns assigned to them, a manager those of
/// their accounts, an admin all), and the configuration writes (<see cref="Capability.CampaignsConfigure"/> on a
/// campaign or account in scope). Out-of-scope ids are <see cref="NotFoundException"/>; a write made on a stale
/// <c>expectedVersion</c> is a <see cref="ConflictException"/> with <see cref="ErrorCodes.Concurrency"/>.
/// </summary>
public interface ICampaignService
{
    Task<PagedResult<CampaignRow>> ListAsync(Actor actor, CampaignQuery query, PageRequest page, CancellationToken ct = default);

    Task<CampaignDetails> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default);

    /// <summary>Accounts (not archived) the actor may create a campaign for, by name.</summary>
    Task<IReadOnlyList<AccountChoice>> ListAccountChoicesAsync(Actor actor, string? search, CancellationToken ct = default);

    /// <summary>A draft campaign with the default statuses and outcomes (<see cref="CampaignDefaults"/>).</summary>
    Task<Guid> CreateAsync(Actor actor, CampaignInput input, CancellationToken ct = default);

    /// <summary>A draft copy of a campaign: settings, objective, script, objections, statuses, outcomes; no assignments, no leads.</summary>
    Task<Guid> CopyAsync(Actor actor, Guid sourceCampaignId, string newName, CancellationToken ct = default);

    Task UpdateAsync(Actor actor, Guid campaignId, CampaignInput input, uint expectedVersion, CancellationToken ct = default);

    Task UpdateSettingsAsync(Actor actor, Guid campaignId, CampaignSettingsInput input, uint expectedVersion, CancellationToken ct = default);

    /// <summary>Moves the campaign along <see cref="CampaignStateRules"/>; any other move is <see cref="ErrorCodes.CampaignStateTransition"/>.</summary>
    Task ChangeStateAsync(Actor actor, Guid campaignId, CampaignState target, uint expectedVersion, CancellationToken ct = default);
}

/// <summary>List filters; null means "any".</summary>
public sealed record CampaignQuery(string? Search = null, CampaignState? State = null, Guid? AccountId = null);

public sealed record CampaignRow(
    Guid Id, string Name, Guid AccountId, string AccountName, CampaignState State,
    DateOnly? StartsOn, DateOnly? EndsOn, int LeadCount, bool HasScript)
{
    /// <summary>Sort keys <see cref="PageRequest.SortBy"/> understands (anything else sorts by name).</summary>
    public static class SortKeys
    {
        public const string Name = "name", Account = "account", State = "state", StartsOn = "startsOn", EndsOn = "endsOn", Leads = "leads";
    }
}

public sealed record AccountChoice(Guid Id, string Name);

/// <summary>Everything the campaign page's overview and settings tabs show, with the version a write must quote.</summary>
public sealed record CampaignDetails(
    Guid Id, Guid AccountId, string AccountName, string Name, string? Description, string? Objective, int? TargetCount,
    CampaignState State, DateOnly? StartsOn, DateOnly? EndsOn,
    TimeOnly CallingHoursStart, TimeOnly CallingHoursEnd, string TimeZone,
    int LockLeaseMinutes, int MaxCallAttempts, int RetryDelayMinutes,
    uint Version, IReadOnlyDictionary<StatusCategory, int> LeadsByCategory, bool CanConfigure,
    IReadOnlyList<string>? TargetCountries = null, int ImportsInProgress = 0)
{
    public int LeadCount => LeadsByCategory.Values.Sum();

    public CampaignInput ToInput() => new()
    {
        AccountId = AccountId, Name = Name, Description = Description, Objective = Objective, TargetCount = TargetCount,
        StartsOn = StartsOn?.ToDateTime(TimeOnly.MinValue), EndsOn = EndsOn?.ToDateTime(TimeOnly.MinValue),
    };

    public CampaignSettingsInput ToSettingsInput() => new()
    {
        CallingHoursStart = CallingHoursStart.ToTimeSpan(), CallingHoursEnd = CallingHoursEnd.ToTimeSpan(), TimeZone = TimeZone,
        LockLeaseMinutes = LockLeaseMinutes, MaxCallAttempts = MaxCallAttempts, RetryDelayMinutes = RetryDelayMinutes,
        TargetCountries = string.Join(", ", TargetCountries ?? []),
    };
}
