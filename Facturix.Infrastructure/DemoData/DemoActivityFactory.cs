using Facturix.Domain.Activities;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.DemoData;

/// <summary>
/// The individual activities of a lead's timeline: calls, status changes, e-mails, notes. They are created unscheduled;
/// <see cref="DemoTimelineScheduler"/> dates them once the whole story is written.
/// </summary>
internal sealed class DemoActivityFactory(DemoGenerationContext context)
{
    private readonly Random _random = context.Random;

    /// <summary>An unanswered call: no answer, or a voicemail.</summary>
    public Activity Attempt(DemoLeadPlan plan) => _random.NextDouble() < 0.62
        ? Call(plan, CallOutcome.NoAnswer, 8, 35, null)
        : Call(plan, CallOutcome.Voicemail, 20, 60, _random.Next(3) == 0 ? "Message laissé, rappel proposé demain." : "Message laissé sur la messagerie.");

    public Activity Call(DemoLeadPlan plan, CallOutcome outcome, int minSeconds, int maxSeconds, string? body) =>
        NewActivity(plan, ActivityKind.Call, outcome, null, body, _random.Next(minSeconds, maxSeconds + 1), visible: false);

    /// <summary>Current → next as data (the timeline labels it in the reader's language), the reason as the body; <paramref name="current"/> moves on.</summary>
    public Activity StatusChange(DemoLeadPlan plan, ref LeadStatus current, LeadStatus next, string? reason, bool visible)
    {
        var activity = NewActivity(plan, ActivityKind.Status, null, null, reason, null, visible);
        activity.StatusFrom = current;
        activity.StatusTo = next;
        current = next;
        return activity;
    }

    public Activity Note(DemoLeadPlan plan, string? subject, string body, bool visible) =>
        NewActivity(plan, ActivityKind.Note, null, subject, body, null, visible);

    public Activity Meeting(DemoLeadPlan plan, string subject, string body, int durationSeconds) =>
        NewActivity(plan, ActivityKind.Meeting, null, subject, body, durationSeconds, visible: true);

    public Activity ProspectingEmail(DemoLeadPlan plan)
    {
        var c = plan.Campaign.Client;
        var activity = Email(plan, null,
            $"J'ai essayé de vous joindre par téléphone. {c.Name} accompagne les entreprises comme {plan.Lead.Company} pour {c.Benefit}.",
            "Auriez-vous 15 minutes la semaine prochaine pour en parler ?");
        // Drawn after the sender, as it always was: moving the draw would change every seeded data set.
        activity.Subject = _random.Next(3) switch
        {
            0 => $"{c.Name} — {char.ToUpperInvariant(c.Offer[0])}{c.Offer[1..]}",
            1 => "Suite à mon appel",
            _ => $"Prise de contact — {c.Name}",
        };
        return activity;
    }

    public Activity FollowUpEmail(DemoLeadPlan plan) => Email(plan, "Suite à notre échange téléphonique",
        $"Merci pour votre temps au téléphone. Comme convenu, je vous recontacte prochainement pour reprendre notre échange sur {plan.Campaign.Client.Offer}.");

    public Activity DocumentationEmail(DemoLeadPlan plan)
    {
        var c = plan.Campaign.Client;
        return Email(plan, $"Documentation {c.Name}",
            $"Comme convenu lors de notre échange, vous trouverez ci-joint la présentation de {c.Name} et de son offre de {c.Offer}.",
            "Je reste à votre disposition pour organiser un rendez-vous avec l'un de leurs experts.");
    }

    public Activity ConfirmationEmail(DemoLeadPlan plan) => Email(plan, "Confirmation de notre rendez-vous",
        $"Je vous confirme votre rendez-vous avec un consultant de {plan.Campaign.Client.Name}. Vous recevrez l'invitation dans la journée.");

    /// <summary>An e-mail to the lead: salutation, the paragraphs, then the signature of whoever sent it.</summary>
    private Activity Email(DemoLeadPlan plan, string? subject, params string[] paragraphs)
    {
        var activity = NewActivity(plan, ActivityKind.Email, null, subject, null, null, visible: false);
        activity.Body = $"""
            Bonjour {(plan.Female ? "Madame" : "Monsieur")} {plan.Lead.LastName},

            {string.Join("\n\n", paragraphs)}

            Bien cordialement,
            {SenderName(activity)}
            """;
        return activity;
    }

    private string SenderName(Activity activity) =>
        activity.UserId == context.Manager.Id ? context.Manager.DisplayName : context.Bds.First(b => b.Id == activity.UserId).DisplayName;

    /// <summary>Mostly by the lead's owner; now and then by a teammate on the same campaign.</summary>
    private Activity NewActivity(DemoLeadPlan plan, ActivityKind kind, CallOutcome? outcome, string? subject, string? body, int? duration, bool visible)
    {
        var bds = plan.Campaign.Bds;
        var user = _random.NextDouble() < 0.85 || bds.Count < 2 ? plan.Owner : bds[_random.Next(bds.Count)];
        return new Activity
        {
            LeadId = plan.Lead.Id,
            AccountId = plan.Campaign.Account.Id,
            CampaignId = plan.Campaign.Campaign.Id,
            UserId = user.Id,
            Kind = kind,
            Outcome = outcome,
            Subject = subject,
            Body = body,
            DurationSeconds = duration,
            ClientVisible = visible,
        };
    }
}
