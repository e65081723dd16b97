using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;

using static Facturix.Infrastructure.DemoData.DemoTime;

namespace Facturix.Infrastructure.DemoData;

/// <summary>Dates a written story and brings its lead up to date (last contact, next call).</summary>
internal sealed class DemoTimelineScheduler(DemoGenerationContext context)
{
    private readonly Random _random = context.Random;
    private readonly DateTimeOffset _now = context.Now;

    /// <summary>Spreads the story over the campaign's working window (working days and hours, Paris time) and updates the lead.</summary>
    public void Schedule(DemoLeadPlan plan)
    {
        var lead = plan.Lead;
        var campaign = plan.Campaign;
        var from = Max(campaign.WorkFrom, lead.CreatedAt.AddMinutes(30));
        var until = Min(campaign.WorkUntil, _now.AddMinutes(-1));
        if (until <= from) until = Min(from.AddHours(4), _now.AddMinutes(-1));
        if (until <= from) from = until.AddHours(-1);

        var times = DrawTimes(plan.Story.Count, from, until);

        DateTimeOffset? lastContact = null;
        for (var i = 0; i < times.Length; i++)
        {
            var activity = plan.Story[i];
            if (activity.Kind == ActivityKind.Status && i > 0)
            {
                // A status change is recorded right after the call (or meeting) that caused it.
                var previous = plan.Story[i - 1];
                var right = times[i - 1].AddSeconds((previous.DurationSeconds ?? 0) + _random.Next(20, 240));
                if (right < times[i]) times[i] = right;
            }
            activity.OccurredAt = times[i];
            activity.CreatedAt = Min(times[i].AddSeconds(activity.DurationSeconds ?? 0), _now);
            activity.Id = DemoIdentifiers.UuidV7(times[i], _random);
            if (activity.Kind is ActivityKind.Call or ActivityKind.Email or ActivityKind.Meeting) lastContact = times[i];
        }

        var last = times.Length > 0 ? times[^1] : lead.CreatedAt;
        plan.LastActivityAt = last;
        lead.LastContactedAt = lastContact;
        lead.LastActivityAt = times.Length > 0 ? last : null;
        lead.CallAttempts = plan.Story.Count(a => a.Kind == ActivityKind.Call);
        lead.UpdatedAt = Max(lead.CreatedAt, last);
        if (campaign.Campaign.State is CampaignState.Active or CampaignState.Paused)
        {
            lead.NextCallAt = lead.Status switch
            {
                LeadStatus.Attempted when _random.NextDouble() < 0.5 => _random.WorkTime(last.AddDays(_random.Next(1, 6)), forward: true),
                LeadStatus.Contacted => _random.WorkTime(last.AddDays(_random.Next(1, 8)), forward: true),
                LeadStatus.Interested when _random.NextDouble() < 0.6 => _random.WorkTime(last.AddDays(_random.Next(3, 11)), forward: true),
                _ => null,
            };
        }
    }

    /// <summary>
    /// The story lasts about one working day per activity. Its start is drawn over [from - length/2, until - length/2],
    /// then the story is moved (whole) inside the window: a campaign's daily volume then stays about level, without
    /// a ramp-up at the start of the history nor a pile-up at "now". An open lead's story ends at its last event.
    /// </summary>
    private DateTimeOffset[] DrawTimes(int count, DateTimeOffset from, DateTimeOffset until)
    {
        var length = Min(TimeSpan.FromDays(count * (0.7 + _random.NextDouble() * 1.3)), until - from);
        var start = from - length / 2 + (until - from) * _random.NextDouble();
        if (start + length > until) start = until - length;
        if (start < from) start = from;
        var end = start + length;

        var times = new DateTimeOffset[count];
        for (var i = 0; i < times.Length; i++)
        {
            // Mostly working days and hours; snapping can land later today than "now", or before the lead existed:
            // then try the day before, else keep the raw instant.
            var t = _random.Uniform(start, end);
            var snapped = _random.NextDouble() < 0.97 ? _random.WorkTime(t) : _random.OffHours(t);
            if (snapped > until) snapped = _random.WorkTime(t.AddDays(-1));
            times[i] = snapped >= from && snapped <= until ? snapped : t;
        }
        Array.Sort(times);
        return times;
    }
}
