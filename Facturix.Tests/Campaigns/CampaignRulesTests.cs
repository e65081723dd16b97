using Facturix.Domain.Campaigns;

namespace Facturix.Tests.Campaigns;

/// <summary>The pure campaign rules: the life cycle, the settings bounds and the overview input.</summary>
public sealed class CampaignRulesTests
{
    public static TheoryData<CampaignState, CampaignState, bool> Transitions()
    {
        var allowed = new HashSet<(CampaignState, CampaignState)>
        {
            (CampaignState.Draft, CampaignState.Active),
            (CampaignState.Active, CampaignState.Paused),
            (CampaignState.Paused, CampaignState.Active),
            (CampaignState.Active, CampaignState.Completed),
            (CampaignState.Paused, CampaignState.Completed),
            (CampaignState.Completed, CampaignState.Archived),
        };
        var data = new TheoryData<CampaignState, CampaignState, bool>();
        foreach (var from in Enum.GetValues<CampaignState>())
            foreach (var to in Enum.GetValues<CampaignState>())
                data.Add(from, to, allowed.Contains((from, to)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Only_the_transitions_of_the_life_cycle_are_allowed(CampaignState from, CampaignState to, bool allowed)
    {
        Assert.Equal(allowed, CampaignStateRules.CanMove(from, to));
        Assert.Equal(allowed, CampaignStateRules.TargetsFrom(from).Contains(to));
    }

    [Fact]
    public void Completing_and_archiving_are_the_irreversible_moves()
    {
        Assert.Equal([CampaignState.Completed, CampaignState.Archived],
            Enum.GetValues<CampaignState>().Where(CampaignStateRules.IsIrreversible));
    }

    [Fact]
    public void Only_a_draft_an_active_or_a_paused_campaign_takes_new_leads()
    {
        Assert.Equal([CampaignState.Draft, CampaignState.Active, CampaignState.Paused],
            Enum.GetValues<CampaignState>().Where(CampaignStateRules.TakesNewLeads));
    }

    private static CampaignSettingsInput Settings(Action<CampaignSettingsInput>? change = null)
    {
        var input = new CampaignSettingsInput();
        change?.Invoke(input);
        return input;
    }

    private static string[] SettingsErrors(CampaignSettingsInput input) =>
        new CampaignSettingsInputValidator().Validate(input).Errors.Select(e => $"{e.PropertyName}:{e.ErrorCode}").ToArray();

    [Fact]
    public void Default_settings_are_valid() => Assert.Empty(SettingsErrors(Settings()));

    [Theory]
    [InlineData("Europe/Paris", true)]
    [InlineData("America/New_York", true)]
    [InlineData("Asia/Kolkata", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("Romance Standard Time", false)] // a Windows id: found by conversion, but not what we store
    [InlineData("europe/paris", false)]
    public void The_time_zone_must_be_a_known_IANA_id(string zone, bool valid)
    {
        var errors = SettingsErrors(Settings(s => s.TimeZone = zone));
        Assert.Equal(valid ? [] : new[] { "TimeZone:campaign.time-zone.unknown" }, errors);
    }

    [Fact]
    public void A_missing_time_zone_says_so() =>
        Assert.Equal(["TimeZone:campaign.time-zone.required"], SettingsErrors(Settings(s => s.TimeZone = "")));

    [Theory]
    [InlineData(9, 18, null)]
    [InlineData(0, 24, null)]
    [InlineData(9, 0, null)]  // an end of 00:00 is midnight: until the end of the day (decision 0077)
    [InlineData(0, 0, null)]  // ...and from 00:00, all day
    [InlineData(23, 0, null)]
    [InlineData(18, 9, "CallingHoursEnd:campaign.hours-end.before-start")]
    [InlineData(9, 9, "CallingHoursEnd:campaign.hours-end.before-start")]
    [InlineData(22, 2, "CallingHoursEnd:campaign.hours-end.before-start")] // past midnight: still refused (decision 0077)
    [InlineData(-1, 18, "CallingHoursStart:campaign.hours-start.out-of-day")]
    [InlineData(24, 25, "CallingHoursStart:campaign.hours-start.out-of-day")]
    [InlineData(9, 25, "CallingHoursEnd:campaign.hours-end.out-of-day")]
    public void Calling_hours_start_before_they_end_inside_the_day(int start, int end, string? error)
    {
        var errors = SettingsErrors(Settings(s =>
        {
            s.CallingHoursStart = TimeSpan.FromHours(start);
            s.CallingHoursEnd = TimeSpan.FromHours(end);
        }));
        if (error is null) Assert.Empty(errors);
        else Assert.Contains(error, errors);
    }

    [Fact]
    public void Missing_hours_are_required()
    {
        var errors = SettingsErrors(Settings(s => { s.CallingHoursStart = null; s.CallingHoursEnd = null; }));
        Assert.Equal(["CallingHoursStart:campaign.hours-start.required", "CallingHoursEnd:campaign.hours-end.required"], errors);
    }

    [Theory]
    [InlineData(nameof(CampaignSettingsInput.LockLeaseMinutes), 0, false)]
    [InlineData(nameof(CampaignSettingsInput.LockLeaseMinutes), 1, true)]
    [InlineData(nameof(CampaignSettingsInput.LockLeaseMinutes), 240, true)]
    [InlineData(nameof(CampaignSettingsInput.LockLeaseMinutes), 241, false)]
    [InlineData(nameof(CampaignSettingsInput.MaxCallAttempts), 0, false)]
    [InlineData(nameof(CampaignSettingsInput.MaxCallAttempts), 50, true)]
    [InlineData(nameof(CampaignSettingsInput.MaxCallAttempts), 51, false)]
    [InlineData(nameof(CampaignSettingsInput.RetryDelayMinutes), -1, false)]
    [InlineData(nameof(CampaignSettingsInput.RetryDelayMinutes), 0, true)]
    [InlineData(nameof(CampaignSettingsInput.RetryDelayMinutes), 10_080, true)]
    [InlineData(nameof(CampaignSettingsInput.RetryDelayMinutes), 10_081, false)]
    public void Lease_attempts_and_delay_stay_within_sane_bounds(string property, int value, bool valid)
    {
        var input = Settings();
        typeof(CampaignSettingsInput).GetProperty(property)!.SetValue(input, value);
        var errors = new CampaignSettingsInputValidator().Validate(input).Errors;
        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal(property, e.PropertyName));
    }

    private static string[] InputErrors(CampaignInput input) =>
        new CampaignInputValidator().Validate(input).Errors.Select(e => $"{e.PropertyName}:{e.ErrorCode}").ToArray();

    [Fact]
    public void A_campaign_needs_a_client_and_a_name()
    {
        Assert.Equal(["AccountId:campaign.account.required", "Name:campaign.name.required"], InputErrors(new CampaignInput { Name = " " }));
        Assert.Empty(InputErrors(new CampaignInput { AccountId = Guid.NewGuid(), Name = "Relance" }));
    }

    [Fact]
    public void Overview_rules_name_the_field_at_fault()
    {
        var input = new CampaignInput
        {
            AccountId = Guid.NewGuid(), Name = new string('n', 201), Objective = new string('o', 201), TargetCount = 0,
            StartsOn = new DateTime(2026, 6, 30), EndsOn = new DateTime(2026, 6, 1),
        };
        Assert.Equal(
            ["Name:campaign.name.too-long", "Objective:campaign.objective.too-long", "TargetCount:campaign.target.min", "EndsOn:campaign.ends-on.before-start"],
            InputErrors(input));
    }

    [Fact]
    public void Dates_and_target_are_optional_and_a_period_in_order_is_fine()
    {
        Assert.Empty(InputErrors(new CampaignInput { AccountId = Guid.NewGuid(), Name = "A", StartsOn = new DateTime(2026, 6, 1) }));
        Assert.Empty(InputErrors(new CampaignInput
        {
            AccountId = Guid.NewGuid(), Name = "A", TargetCount = 40, StartsOn = new DateTime(2026, 6, 1), EndsOn = new DateTime(2026, 6, 2),
        }));
    }
}
