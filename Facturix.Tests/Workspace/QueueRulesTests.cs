using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Workspace;

namespace Facturix.Tests.Workspace;

/// <summary>The queue's pure rules: time zones, calling hours across zones and DST, caps, retry delay, locks, reasons.</summary>
public sealed class QueueRulesTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTimeOffset ParisTime(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    private static Campaign NewCampaign() => new() { Name = "C", TimeZone = "Europe/Paris", CallingHoursStart = new(9, 0), CallingHoursEnd = new(18, 0) };

    private static Lead NewLead(string? zone = null) => new() { Company = "Acme", TimeZone = zone };

    [Theory]
    [InlineData("+33612345678", "FR", "Europe/Paris")]
    [InlineData("+15145551234", "CA", "America/Toronto")]
    [InlineData("+12125551234", "US", "America/New_York")]
    [InlineData("+32470123456", "FR", "Europe/Brussels")] // the phone wins over the country
    [InlineData(null, "BE", "Europe/Brussels")]
    [InlineData(null, "CA", "America/Toronto")]
    [InlineData("+18005551234", "CA", "America/Toronto")] // toll-free: every NANP zone, the country's is one of them
    [InlineData("+18005551234", "FR", "America/Adak")] // ...else the first in ordinal order, deterministic
    [InlineData("not a phone", "FR", "Europe/Paris")]
    [InlineData(null, "XX", null)]
    [InlineData(null, null, null)]
    public void The_lead_zone_comes_from_its_phone_else_its_country(string? phone, string? country, string? zone) =>
        Assert.Equal(zone, LeadTimeZones.For(phone, country));

    [Fact]
    public void A_lead_in_Montreal_at_8_local_is_not_callable_when_Paris_is_at_14()
    {
        var campaign = NewCampaign();
        var now = ParisTime(2026, 11, 10, 14); // 8:00 in Montréal (EST, UTC-5)
        var montreal = NewLead(LeadTimeZones.For("+15145551234", "CA"));
        var paris = NewLead(LeadTimeZones.For("+33612345678", "FR"));

        var check = QueueRules.Check(montreal, campaign, now);
        Assert.Equal(QueueBlocker.OutsideHours, check.Blocker);
        Assert.Equal(now.AddHours(1), check.CallableAt); // 9:00 in Montréal = 15:00 in Paris
        Assert.True(QueueRules.Check(paris, campaign, now).IsCallable);
        Assert.True(QueueRules.Check(montreal, campaign, now.AddHours(1)).IsCallable);
    }

    [Fact]
    public void A_lead_without_a_zone_is_called_in_the_campaign_zone()
    {
        var campaign = NewCampaign();
        Assert.Equal("Europe/Paris", QueueRules.ZoneOf(NewLead(), campaign));
        Assert.Equal("Europe/Paris", QueueRules.ZoneOf(NewLead("Not/AZone"), campaign));
        Assert.False(QueueRules.Check(NewLead(), campaign, ParisTime(2026, 11, 10, 8, 59)).IsCallable);
        Assert.True(QueueRules.Check(NewLead(), campaign, ParisTime(2026, 11, 10, 9)).IsCallable);
        Assert.False(QueueRules.Check(NewLead(), campaign, ParisTime(2026, 11, 10, 18)).IsCallable); // [start, end)
    }

    [Fact]
    public void Calling_hours_follow_daylight_saving_changes()
    {
        // Paris springs forward on 29 March 2026 and falls back on 25 October 2026; New York on 8 March and 1 November.
        var hours = new CallingHours(new(9, 0), new(18, 0), "Europe/Paris");
        // 08:00Z is 9:00 before the spring change (CET, UTC+1) and 10:00 after it (CEST, UTC+2); 07:00Z is 8:00 then 9:00.
        Assert.True(hours.IsOpen(DateTimeOffset.Parse("2026-03-27T08:00:00Z")));
        Assert.False(hours.IsOpen(DateTimeOffset.Parse("2026-03-27T07:30:00Z")));
        Assert.True(hours.IsOpen(DateTimeOffset.Parse("2026-03-30T07:00:00Z")));
        Assert.False(hours.IsOpen(DateTimeOffset.Parse("2026-03-30T06:30:00Z")));
        // 16:30Z is 17:30 CET (open) before the change and 18:30 CEST (closed) after it.
        Assert.True(hours.IsOpen(DateTimeOffset.Parse("2026-03-27T16:30:00Z")));
        Assert.False(hours.IsOpen(DateTimeOffset.Parse("2026-03-30T16:30:00Z")));

        // The next opening after Saturday evening before the change is 9:00 CEST on Sunday = 07:00Z, not 08:00Z.
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T07:00:00Z"), hours.NextOpen(DateTimeOffset.Parse("2026-03-28T19:00:00Z")));
        // And after the autumn change 9:00 CET = 08:00Z.
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T08:00:00Z"), hours.NextOpen(DateTimeOffset.Parse("2026-10-24T19:00:00Z")));

        // Between the two changes (8 to 29 March) Montréal is 5 hours behind Paris, not 6: at 14:00 Paris it is 9:00 there.
        var montreal = new CallingHours(new(9, 0), new(18, 0), "America/Toronto");
        Assert.True(montreal.IsOpen(ParisTime(2026, 3, 20, 14)));
        Assert.False(montreal.IsOpen(ParisTime(2026, 11, 10, 14)));
    }

    [Fact]
    public void An_opening_hour_skipped_by_spring_forward_opens_when_the_clocks_jump()
    {
        var hours = new CallingHours(new(2, 30), new(6, 0), "Europe/Paris");
        // 29 March 2026, 2:30 does not exist in Paris: the window opens at 3:00 CEST = 01:00Z.
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:00:00Z"), hours.NextOpen(DateTimeOffset.Parse("2026-03-28T22:00:00Z")));
    }

    [Fact]
    public void A_window_past_midnight_wraps()
    {
        Assert.True(CallingHours.Contains(new(22, 0), new(2, 0), new(23, 0)));
        Assert.True(CallingHours.Contains(new(22, 0), new(2, 0), new(1, 0)));
        Assert.False(CallingHours.Contains(new(22, 0), new(2, 0), new(12, 0)));
        Assert.Null(new CallingHours(new(9, 0), new(9, 0), "Europe/Paris").NextOpen(DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData(LeadStatus.Converted)]
    [InlineData(LeadStatus.NotAFit)]
    [InlineData(LeadStatus.DoNotContact)]
    public void Closed_statuses_are_never_callable(LeadStatus status)
    {
        var check = QueueRules.Check(new Lead { Company = "A", Status = status }, NewCampaign(), ParisTime(2026, 11, 10, 10));
        Assert.Equal(new Callability(QueueBlocker.Closed, null), check);
    }

    [Fact]
    public void The_attempt_cap_takes_a_lead_out_for_good()
    {
        var campaign = NewCampaign();
        campaign.MaxCallAttempts = 3;
        var now = ParisTime(2026, 11, 10, 10);
        Assert.True(QueueRules.Check(new Lead { Company = "A", CallAttempts = 2 }, campaign, now).IsCallable);
        Assert.Equal(new Callability(QueueBlocker.CapReached, null), QueueRules.Check(new Lead { Company = "A", CallAttempts = 3 }, campaign, now));
    }

    [Fact]
    public void The_retry_delay_runs_from_the_last_attempt_and_a_callback_wins_over_it()
    {
        var campaign = NewCampaign();
        campaign.RetryDelayMinutes = 240;
        var now = ParisTime(2026, 11, 10, 10);
        var called = new Lead { Company = "A", CallAttempts = 1, LastContactedAt = now.AddMinutes(-60) };
        Assert.Equal(new Callability(QueueBlocker.NotDue, now.AddMinutes(180)), QueueRules.Check(called, campaign, now));
        Assert.True(QueueRules.Check(called, campaign, now.AddMinutes(180)).IsCallable);

        // "Call me back in 30 minutes": the callback is an appointment, the retry delay does not hold it back.
        called.NextCallAt = now.AddMinutes(30);
        Assert.Equal(new Callability(QueueBlocker.NotDue, now.AddMinutes(30)), QueueRules.Check(called, campaign, now));
        Assert.True(QueueRules.Check(called, campaign, now.AddMinutes(30)).IsCallable);
    }

    [Fact]
    public void A_callback_due_at_night_becomes_callable_at_the_next_opening()
    {
        var campaign = NewCampaign();
        var lead = new Lead { Company = "A", NextCallAt = ParisTime(2026, 11, 10, 20) };
        var check = QueueRules.Check(lead, campaign, ParisTime(2026, 11, 10, 10));
        Assert.Equal(new Callability(QueueBlocker.NotDue, ParisTime(2026, 11, 11, 9)), check);
    }

    [Fact]
    public void A_lead_is_free_again_when_its_lease_runs_out()
    {
        var campaign = NewCampaign();
        var now = ParisTime(2026, 11, 10, 10);
        var lead = new Lead { Company = "A", LockedById = Guid.NewGuid(), LockedAt = now, LockExpiresAt = now.AddMinutes(15) };
        Assert.Equal(new Callability(QueueBlocker.Locked, now.AddMinutes(15)), QueueRules.Check(lead, campaign, now));
        Assert.True(QueueRules.Check(lead, campaign, now.AddMinutes(15)).IsCallable);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, QueueEmptyReason.Empty)]
    [InlineData(5, 0, 0, 0, QueueEmptyReason.CapsReached)]
    [InlineData(5, 5, 2, 3, QueueEmptyReason.OutsideHours)]
    [InlineData(5, 5, 0, 5, QueueEmptyReason.AllLocked)]
    [InlineData(5, 5, 0, 0, QueueEmptyReason.Empty)]
    public void The_empty_reason_says_what_holds_the_leads_back(int open, int underCap, int dueAndFree, int locked, QueueEmptyReason reason) =>
        Assert.Equal(reason, QueueRules.EmptyReason(open, underCap, dueAndFree, locked));

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("Standard fermé", true)]
    public void A_skip_needs_a_reason(string reason, bool valid) =>
        Assert.Equal(valid, new SkipReasonValidator().Validate(new SkipReason { Reason = reason }).IsValid);
}
