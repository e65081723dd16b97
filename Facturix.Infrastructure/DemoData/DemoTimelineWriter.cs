using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// Writes each worked lead's timeline as a story that ends in its status: an "Attempted" lead only has unanswered
/// calls, a "Converted" one has the conversation, the status changes, the confirmation e-mail and the meeting, in that
/// order. Extra unanswered calls, prospecting e-mails and notes are then spread over the worked leads so that the total
/// comes to about <see cref="DemoSeedOptions.ActivitiesPerLead"/> per lead.
/// </summary>
internal sealed class DemoTimelineWriter(DemoGenerationContext context)
{
    private const int MaxExtraActivitiesPerLead = 20;

    // Relative weight of a worked lead when spreading the extra activities (more attempts on leads still being chased).
    private static readonly double[] ExtraWeight = [0, 2.0, 1.6, 1.4, 1.4, 1.4, 0.7, 0.5];

    private readonly Random _random = context.Random;
    private readonly DemoActivityFactory _activities = new(context);
    private readonly DemoTimelineScheduler _scheduler = new(context);

    public void CreateActivities()
    {
        var worked = context.LeadPlans.Where(l => l.Lead.Status != LeadStatus.New && l.Campaign.Campaign.State != CampaignState.Draft).ToList();
        foreach (var plan in worked)
            WriteStory(plan);

        var mandatory = worked.Sum(l => l.Story.Count);
        var budget = Math.Max(0, (int)Math.Round(context.Options.LeadCount * context.Options.ActivitiesPerLead) - mandatory);
        var totalWeight = worked.Sum(l => ExtraWeight[(int)l.Lead.Status]);
        foreach (var plan in worked)
        {
            var expected = totalWeight > 0 ? budget * ExtraWeight[(int)plan.Lead.Status] / totalWeight : 0;
            var draw = expected * (0.5 + _random.NextDouble());
            var extras = Math.Min(MaxExtraActivitiesPerLead, (int)draw + (_random.NextDouble() < draw % 1 ? 1 : 0));
            var prefix = new List<Activity>(extras);
            for (var i = 0; i < extras; i++)
                prefix.Add(ExtraActivity(plan));
            plan.Story.InsertRange(0, prefix);
            _scheduler.Schedule(plan);
            context.Set.Activities.AddRange(plan.Story);
        }
    }

    /// <summary>The activities that explain how the lead reached its status, in order.</summary>
    private void WriteStory(DemoLeadPlan plan)
    {
        var status = plan.Lead.Status;
        var current = LeadStatus.Attempted;
        var reached = true;
        switch (status)
        {
            case LeadStatus.Attempted:
                plan.Story.Add(_activities.Attempt(plan));
                break;
            case LeadStatus.Contacted:
                plan.Story.Add(_activities.Call(plan, CallOutcome.CallBack, 40, 240, _random.OneOf(DemoCatalog.CallBackNotes)));
                if (_random.NextDouble() < 0.4) plan.Story.Add(_activities.FollowUpEmail(plan));
                break;
            case LeadStatus.NotAFit:
                var reason = _random.OneOf(DemoCatalog.NotAFitReasons);
                reached = _random.NextDouble() >= 0.12;
                if (!reached) reason = "Numéro erroné : la personne ne fait plus partie de l'entreprise.";
                plan.Story.Add(reached
                    ? _activities.Call(plan, CallOutcome.NotAFit, 45, 300, reason)
                    : _activities.Call(plan, CallOutcome.WrongNumber, 5, 25, reason));
                plan.Story.Add(_activities.StatusChange(plan, ref current, LeadStatus.NotAFit, reason, visible: false));
                break;
            case LeadStatus.DoNotContact:
                plan.Story.Add(_activities.Call(plan, CallOutcome.NotAFit, 30, 120, "Demande explicitement à ne plus être contacté."));
                plan.Story.Add(_activities.StatusChange(plan, ref current, LeadStatus.DoNotContact, "Opposition au démarchage (RGPD).", visible: false));
                break;
            default: // Interested, MeetingBooked, Converted
                if (_random.NextDouble() < 0.35)
                    plan.Story.Add(_activities.Call(plan, CallOutcome.CallBack, 40, 240, _random.OneOf(DemoCatalog.CallBackNotes)));
                current = LeadStatus.Contacted;
                plan.Story.Add(_activities.Call(plan, CallOutcome.Interested, 240, 900, _random.OneOf(DemoCatalog.InterestNotes)));
                plan.Story.Add(_activities.StatusChange(plan, ref current, LeadStatus.Interested, null, visible: false));
                plan.Story.Add(_activities.DocumentationEmail(plan));
                if (status == LeadStatus.Interested) break;

                var c = plan.Campaign.Client;
                plan.Story.Add(_activities.Call(plan, CallOutcome.MeetingBooked, 300, 1_200,
                    $"Rendez-vous fixé avec {plan.Lead.DisplayName} : présentation de l'offre {c.Name}."));
                plan.Story.Add(_activities.StatusChange(plan, ref current, LeadStatus.MeetingBooked, null, visible: true));
                plan.Story.Add(_activities.ConfirmationEmail(plan));
                if (status == LeadStatus.MeetingBooked) break;

                plan.Story.Add(_activities.Meeting(plan, $"Rendez-vous — {plan.Lead.Company}",
                    $"Présentation de l'offre {c.Name} à {plan.Lead.DisplayName} ({plan.Lead.JobTitle}). Besoin confirmé, proposition validée en séance.",
                    _random.Next(1_800, 5_400)));
                plan.Story.Add(_activities.Note(plan, "Compte rendu",
                    $"{plan.Lead.Company} signe avec {c.Name}. Passage de relais à l'équipe commerciale du client.", visible: true));
                plan.Story.Add(_activities.StatusChange(plan, ref current, LeadStatus.Converted, null, visible: true));
                break;
        }

        // About a third of the people reached leave feedback worth showing to the client (portal).
        var feedback = status switch
        {
            LeadStatus.Contacted => DemoCatalog.ClientFeedbackAfterContact,
            LeadStatus.Interested or LeadStatus.MeetingBooked => DemoCatalog.ClientFeedbackWhenInterested,
            LeadStatus.NotAFit => DemoCatalog.ClientFeedbackWhenRefused,
            _ => null,
        };
        if (feedback is not null && reached && _random.NextDouble() < 0.3)
            plan.Story.Add(_activities.Note(plan, "Retour terrain", _random.OneOf(feedback), visible: true));
    }

    private Activity ExtraActivity(DemoLeadPlan plan)
    {
        var r = _random.NextDouble();
        if (r < 0.12 && plan.Lead.Email is not null) return _activities.ProspectingEmail(plan);
        if (r < 0.24) return _activities.Note(plan, null, _random.OneOf(DemoCatalog.InternalNotes), visible: false);
        return _activities.Attempt(plan);
    }
}
