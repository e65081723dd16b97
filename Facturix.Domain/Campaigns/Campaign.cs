namespace Facturix.Domain.Campaigns;

/// <summary>A prospecting campaign run for one client account over a lead list.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>What the client pays for, e.g. "Rendez-vous qualifiés".</summary>
    public string? Objective { get; set; }
    /// <summary>The target figure of the objective over the campaign (e.g. 40 meetings).</summary>
    public int? TargetCount { get; set; }
    public CampaignState State { get; set; } = CampaignState.Draft;
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>Call script and objection handling shown in the workspace drawer (markdown).</summary>
    public string? Script { get; set; }
    /// <summary>Minutes a BD keeps a lead before the lease runs out unless renewed.</summary>
    public int LockLeaseMinutes { get; set; } = 15;
    /// <summary>Calls are placed between these local times, in <see cref="TimeZone"/> unless the lead's own zone is known.</summary>
    public TimeOnly CallingHoursStart { get; set; } = new(9, 0);
    public TimeOnly CallingHoursEnd { get; set; } = new(18, 0);
    /// <summary>IANA zone of the calling hours.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";
    /// <summary>After this many attempts a lead leaves the queue.</summary>
    public int MaxCallAttempts { get; set; } = 6;
    /// <summary>Minimum wait between two attempts on the same lead.</summary>
    public int RetryDelayMinutes { get; set; } = 240;
    /// <summary>ISO 3166-1 alpha-2 codes the campaign targets: a lead in one of them scores a country match.</summary>
    public List<string> TargetCountries { get; set; } = [];
    /// <summary>The leads-list view BDs land on when they open this campaign's leads (backlog 2.3.2); a shared saved view.</summary>
    public Guid? DefaultViewId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency token (PostgreSQL's xmin): two people saving the same campaign get a conflict, not an overwrite.</summary>
    public uint Version { get; set; }
}
