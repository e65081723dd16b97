using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Users;

namespace Facturix.Infrastructure.DemoData;

/// <summary>A generated campaign with what later steps need to fill it: its team, working window and lead mix.</summary>
internal sealed class DemoCampaignPlan(Campaign campaign, DemoCatalog.ClientSpec client, Account account)
{
    public Campaign Campaign { get; } = campaign;
    public DemoCatalog.ClientSpec Client { get; } = client;
    public Account Account { get; } = account;
    public List<AppUser> Bds { get; } = [];
    public DateTimeOffset Start { get; set; }
    /// <summary>Activities happen in [WorkFrom, WorkUntil]; empty for a draft.</summary>
    public DateTimeOffset WorkFrom { get; set; }
    public DateTimeOffset WorkUntil { get; set; }
    public double LeadShare { get; set; }
    /// <summary>Weights indexed by <see cref="LeadStatus"/>.</summary>
    public int[] StatusMix { get; set; } = DemoCampaignBuilder.DraftMix;
}

/// <summary>A generated lead with its owner and the timeline ("story") written for it before it is scheduled.</summary>
internal sealed class DemoLeadPlan(Lead lead, DemoCampaignPlan campaign, AppUser owner, bool female)
{
    public Lead Lead { get; } = lead;
    public DemoCampaignPlan Campaign { get; } = campaign;
    public AppUser Owner { get; } = owner;
    public bool Female { get; } = female;
    public List<Activity> Story { get; } = [];
    public DateTimeOffset? LastActivityAt { get; set; }
}
