using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Infrastructure.Users;

using static Facturix.Infrastructure.DemoData.DemoTime;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Each BD's to-do list: open follow-ups on the leads still being worked, tasks done around past activity, and a few
/// chores; plus the manager's monthly reporting per active campaign.
/// </summary>
internal sealed class DemoTaskBuilder(DemoGenerationContext context)
{
    private readonly Random _random = context.Random;
    private readonly DateTimeOffset _now = context.Now;
    private readonly AppUser _manager = context.Manager;

    public void CreateTasks()
    {
        var tasks = context.Set.Tasks;
        var byOwner = context.LeadPlans.ToLookup(l => l.Owner.Id);
        foreach (var bd in context.Bds)
        {
            var mine = byOwner[bd.Id].ToList();
            var open = mine
                .Where(l => l.Campaign.Campaign.State == CampaignState.Active
                    && l.Lead.Status is LeadStatus.Attempted or LeadStatus.Contacted or LeadStatus.Interested or LeadStatus.MeetingBooked
                    && (l.Lead.Status != LeadStatus.Attempted || l.Lead.NextCallAt is not null))
                .ToList();
            _random.ShuffleList(open);
            foreach (var plan in open.Take(25 + _random.Next(16)))
                tasks.Add(OpenLeadTask(bd, plan));

            var done = mine.Where(l => l.LastActivityAt is not null && l.Campaign.Campaign.State != CampaignState.Draft).ToList();
            _random.ShuffleList(done);
            foreach (var plan in done.Take(8 + _random.Next(8)))
                tasks.Add(CompletedLeadTask(bd, plan));

            var campaign = context.CampaignPlans.First(p => p.Bds.Contains(bd) && p.Campaign.State == CampaignState.Active);
            tasks.Add(NewTask(bd, _manager, null, campaign, $"Mettre à jour le fichier de prospection {campaign.Client.Name}",
                "Supprimer les doublons et compléter les numéros manquants.", TaskPriority.Low,
                _random.WorkTime(_now.AddDays(_random.Next(2, 10)), forward: true), null, _now.AddDays(-_random.Next(1, 5))));
            tasks.Add(NewTask(bd, _manager, null, null, $"Point hebdomadaire avec {_manager.DisplayName}", null, TaskPriority.Normal,
                _random.WorkTime(_now.AddDays(_random.Next(1, 7)), forward: true), null, _now.AddDays(-_random.Next(1, 5))));
        }

        foreach (var account in context.CampaignPlans.Where(p => p.Campaign.State == CampaignState.Active))
        {
            tasks.Add(NewTask(_manager, _manager, null, account, $"Envoyer le reporting mensuel à {account.Client.Name}",
                "Chiffres de la campagne, rendez-vous obtenus et retours terrain.", TaskPriority.High,
                _random.WorkTime(_now.AddDays(_random.Next(-2, 12)), forward: true), null, _now.AddDays(-_random.Next(5, 20))));
        }
    }

    private TaskItem OpenLeadTask(AppUser bd, DemoLeadPlan plan)
    {
        var lead = plan.Lead;
        var name = $"{lead.DisplayName} ({lead.Company})";
        var last = plan.LastActivityAt ?? lead.CreatedAt;
        var due = Max(_random.WorkTime(_now + TimeSpan.FromHours(_random.Next(-5 * 24, 12 * 24)), forward: true), last.AddHours(2));
        var (title, priority) = lead.Status switch
        {
            LeadStatus.Interested when _random.Next(2) == 0 => ($"Envoyer une proposition à {lead.Company}", _random.Next(3) == 0 ? TaskPriority.High : TaskPriority.Normal),
            LeadStatus.Interested => ($"Relancer {name} suite à l'envoi de la documentation", TaskPriority.Normal),
            LeadStatus.MeetingBooked => ($"Préparer le rendez-vous avec {name}", TaskPriority.High),
            _ => ($"Rappeler {name}", _random.Next(6) == 0 ? TaskPriority.High : TaskPriority.Normal),
        };
        if (lead.Status is LeadStatus.Attempted or LeadStatus.Contacted) lead.NextCallAt = due;
        var creator = _random.NextDouble() < 0.8 ? bd : _manager;
        var notes = _random.NextDouble() < 0.3 && lead.Phone is not null ? $"Ligne directe : {lead.Phone}" : null;
        return NewTask(bd, creator, lead, plan.Campaign, title, notes, priority, due, null, Min(last, _now));
    }

    private TaskItem CompletedLeadTask(AppUser bd, DemoLeadPlan plan)
    {
        // Done around the lead's last activity: created a few days before it was due, completed near the due date.
        var lead = plan.Lead;
        var last = plan.LastActivityAt ?? lead.CreatedAt;
        var due = Clamp(_random.WorkTime(last.AddHours(-_random.Next(0, 48))), lead.CreatedAt.AddHours(2), Min(last, _now.AddHours(-1)));
        var created = Clamp(_random.WorkTime(due.AddDays(-_random.Next(1, 5))), lead.CreatedAt.AddMinutes(30), due);
        var completed = Clamp(_random.WorkTime(due.AddHours(_random.Next(-6, 20))), created.AddMinutes(10), Min(last, _now));
        var title = _random.Next(3) switch
        {
            0 => $"Envoyer un e-mail de présentation à {lead.DisplayName}",
            1 => $"Trouver la ligne directe de {lead.DisplayName} ({lead.Company})",
            _ => $"Rappeler {lead.DisplayName} ({lead.Company})",
        };
        return NewTask(bd, bd, lead, plan.Campaign, title, null, TaskPriority.Normal, due, completed, created);
    }

    private TaskItem NewTask(AppUser assignee, AppUser creator, Lead? lead, DemoCampaignPlan? campaign, string title, string? notes,
        TaskPriority priority, DateTimeOffset due, DateTimeOffset? completedAt, DateTimeOffset createdAt)
    {
        createdAt = Truncate(Min(createdAt, _now));
        return new TaskItem
        {
            Id = DemoIdentifiers.UuidV7(createdAt, _random),
            Title = title,
            Notes = notes,
            AssigneeId = assignee.Id,
            CreatedById = creator.Id,
            LeadId = lead?.Id,
            AccountId = campaign?.Account.Id,
            CampaignId = campaign?.Campaign.Id,
            Priority = priority,
            DueAt = Truncate(due),
            CompletedAt = completedAt is { } c ? Truncate(c) : null,
            CreatedAt = createdAt,
            UpdatedAt = completedAt is { } u ? Truncate(Max(u, createdAt)) : createdAt,
        };
    }
}
