namespace Facturix.Domain.Dashboard;

/// <summary>The four headline numbers of the dashboard (backlog 2.1.1), for one actor's scope.</summary>
public sealed record KpiSnapshot(int Accounts, int ActiveCampaigns, int Leads, int ConvertedLeads)
{
    /// <summary>Share of leads in scope that reached <see cref="Leads.LeadStatus.Converted"/>, 0..1.</summary>
    public double Conversion => Leads == 0 ? 0 : (double)ConvertedLeads / Leads;
}
