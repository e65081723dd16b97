using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Infrastructure.Users;

using static Facturix.Infrastructure.DemoData.DemoTime;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// The client accounts of <see cref="DemoCatalog.Clients"/>, their two campaigns each, and who works which: the
/// manager on the first <see cref="DemoCatalog.ManagedClientCount"/> clients, BDs spread so that each carries a comparable load.
/// </summary>
internal sealed class DemoCampaignBuilder(DemoGenerationContext context)
{
    // Lead status mix per campaign state, indexed by LeadStatus (New, Attempted, Contacted, Interested,
    // MeetingBooked, Converted, NotAFit, DoNotContact).
    private static readonly int[] ActiveMix = [26, 24, 15, 9, 5, 4, 13, 4];
    private static readonly int[] PausedMix = [32, 25, 12, 7, 4, 4, 12, 4];
    private static readonly int[] CompletedMix = [0, 8, 4, 3, 1, 10, 58, 16];
    internal static readonly int[] DraftMix = [100, 0, 0, 0, 0, 0, 0, 0];

    private readonly Random _random = context.Random;
    private readonly DateTimeOffset _now = context.Now;
    private readonly TimeSpan _history = context.History;
    private readonly DemoDataSet _set = context.Set;
    private readonly List<DemoCampaignPlan> _plans = context.CampaignPlans;
    private readonly List<AppUser> _bds = context.Bds;

    public void CreateAccountsAndCampaigns()
    {
        // Start and end as fractions of the history window, and share of the leads. Chosen so that about as many
        // campaigns run at the start of the window as at its end: the daily activity volume stays roughly level.
        double[] activeStarts = [1.3, 1.1, 0.9, 0.6, 0.35];
        double[] activeShares = [0.17, 0.14, 0.13, 0.10, 0.07];
        (double Start, double End, double Share)[] completed = [(1.8, 0.3, 0.09), (1.6, 0.2, 0.08)];
        (double Start, double Paused, double Share)[] paused = [(1.2, 0.12, 0.11), (1.0, 0.08, 0.10)];
        int active = 0, completedIndex = 0, pausedIndex = 0;

        for (var i = 0; i < DemoCatalog.Clients.Length; i++)
        {
            var client = DemoCatalog.Clients[i];
            var createdAt = Truncate(_now - _history * 2.2 - TimeSpan.FromDays((DemoCatalog.Clients.Length - i) * 9));
            var account = new Account
            {
                Id = DemoIdentifiers.UuidV7(createdAt, _random),
                Name = client.Name,
                Industry = client.Industry,
                Website = client.Website,
                Siren = DemoIdentifiers.Siren(_random),
                City = client.City,
                Country = "FR",
                Notes = client.Notes,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
            };
            _set.Accounts.Add(account);
            // The demo manager runs the first clients only, so their dashboard differs from the admin's agency-wide one.
            if (i < DemoCatalog.ManagedClientCount)
                _set.AccountAssignments.Add(new AccountAssignment { AccountId = account.Id, UserId = context.Manager.Id, AssignedAt = createdAt.AddHours(1) });

            foreach (var spec in new[] { client.First, client.Second })
            {
                var plan = new DemoCampaignPlan(new Campaign { Name = $"{client.Name} — {spec.Name}", AccountId = account.Id, State = spec.State }, client, account);
                var c = plan.Campaign;
                switch (spec.State)
                {
                    case CampaignState.Active:
                        plan.Start = _random.WorkTime(_now - _history * activeStarts[active]);
                        plan.WorkUntil = _now;
                        plan.LeadShare = activeShares[active++];
                        plan.StatusMix = ActiveMix;
                        c.EndsOn = ParisWorkingHours.LocalDate(Max(plan.Start.AddDays(120), _now.AddDays(30)));
                        c.UpdatedAt = plan.Start;
                        break;
                    case CampaignState.Paused:
                        var p = paused[pausedIndex++];
                        plan.Start = _random.WorkTime(_now - _history * p.Start);
                        plan.WorkUntil = _random.WorkTime(_now - _history * p.Paused);
                        plan.LeadShare = p.Share;
                        plan.StatusMix = PausedMix;
                        c.EndsOn = ParisWorkingHours.LocalDate(Max(plan.Start.AddDays(150), _now.AddDays(30)));
                        c.UpdatedAt = plan.WorkUntil;
                        break;
                    case CampaignState.Completed:
                        var d = completed[completedIndex++];
                        plan.Start = _random.WorkTime(_now - _history * d.Start);
                        plan.WorkUntil = _random.WorkTime(_now - _history * d.End);
                        plan.LeadShare = d.Share;
                        plan.StatusMix = CompletedMix;
                        c.EndsOn = ParisWorkingHours.LocalDate(plan.WorkUntil);
                        c.UpdatedAt = plan.WorkUntil;
                        break;
                    default:
                        plan.Start = _random.WorkTime(_now.AddDays(10), forward: true);
                        plan.LeadShare = 0.01;
                        plan.StatusMix = DraftMix;
                        c.EndsOn = ParisWorkingHours.LocalDate(plan.Start.AddDays(90));
                        break;
                }
                c.StartsOn = ParisWorkingHours.LocalDate(plan.Start);
                c.CreatedAt = spec.State == CampaignState.Draft ? Truncate(_now.AddDays(-4)) : plan.Start.AddDays(-7);
                if (spec.State == CampaignState.Draft) c.UpdatedAt = c.CreatedAt;
                c.Id = DemoIdentifiers.UuidV7(c.CreatedAt, _random);
                c.Description = $"Prospection des {spec.Target} pour le compte de {client.Name} : {client.Offer}.";
                c.Script = DemoCatalog.Script(client, spec);
                c.LockLeaseMinutes = 15;
                plan.WorkFrom = Max(plan.Start, _now - _history);
                _set.Campaigns.Add(c);
                _plans.Add(plan);
            }
        }

        AssignCampaigns();
    }

    /// <summary>2-3 BDs per running campaign; the active slots rotate over the six BDs so each gets exactly two active campaigns.</summary>
    private void AssignCampaigns()
    {
        var activePlans = _plans.Where(p => p.Campaign.State == CampaignState.Active).ToList();
        var sizes = Enumerable.Range(0, activePlans.Count).Select(i => i < 2 ? 3 : 2).OrderBy(_ => _random.Next()).ToList();
        var rotation = _random.Next(_bds.Count);
        for (var i = 0; i < activePlans.Count; i++)
            for (var k = 0; k < sizes[i]; k++)
                activePlans[i].Bds.Add(_bds[rotation++ % _bds.Count]);

        // The other running campaigns go to the least loaded BDs, so that activity volumes stay comparable.
        var load = _bds.ToDictionary(b => b.Id, _ => 0.0);
        foreach (var plan in activePlans)
            foreach (var bd in plan.Bds)
                load[bd.Id] += plan.LeadShare / plan.Bds.Count;
        foreach (var plan in _plans.Where(p => p.Campaign.State is CampaignState.Paused or CampaignState.Completed))
        {
            var team = _bds.Select(b => (Bd: b, Tie: _random.Next())).OrderBy(x => load[x.Bd.Id]).ThenBy(x => x.Tie)
                .Take(2 + _random.Next(2)).Select(x => x.Bd).ToList();
            plan.Bds.AddRange(team);
            // Every lead of a finished campaign was worked: it weighs more than an active campaign's share.
            foreach (var bd in team)
                load[bd.Id] += plan.LeadShare * 1.3 / team.Count;
        }

        foreach (var plan in _plans)
        {
            var at = plan.Campaign.CreatedAt.AddHours(2);
            // The manager also works the campaigns of the clients they run (they own the draft campaign's leads).
            if (Array.IndexOf(DemoCatalog.Clients, plan.Client) < DemoCatalog.ManagedClientCount)
                _set.CampaignAssignments.Add(new CampaignAssignment { CampaignId = plan.Campaign.Id, UserId = context.Manager.Id, AssignedAt = at });
            foreach (var bd in plan.Bds)
                _set.CampaignAssignments.Add(new CampaignAssignment { CampaignId = plan.Campaign.Id, UserId = bd.Id, AssignedAt = at });
        }
    }
}
