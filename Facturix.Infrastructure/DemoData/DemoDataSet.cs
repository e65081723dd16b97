using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Infrastructure.Users;

namespace Facturix.Infrastructure.DemoData;

internal sealed record DemoUser(AppUser User, string Role);

/// <summary>Everything one demo seed writes, generated in memory before a single row is sent.</summary>
internal sealed class DemoDataSet
{
    public List<DemoUser> Users { get; } = [];
    public List<Account> Accounts { get; } = [];
    public List<AccountAssignment> AccountAssignments { get; } = [];
    public List<Campaign> Campaigns { get; } = [];
    public List<CampaignAssignment> CampaignAssignments { get; } = [];
    public List<CampaignStatus> CampaignStatuses { get; } = [];
    public List<CampaignOutcome> CampaignOutcomes { get; } = [];
    public List<Lead> Leads { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<TaskItem> Tasks { get; } = [];
    public List<AuditEvent> AuditEvents { get; } = [];
    public List<Goal> Goals { get; } = [];
}
