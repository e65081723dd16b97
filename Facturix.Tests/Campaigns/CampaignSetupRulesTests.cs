using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;

namespace Facturix.Tests.Campaigns;

/// <summary>The pure rules of a campaign's statuses and outcomes: what the form refuses before anything is saved.</summary>
public sealed class CampaignSetupRulesTests
{
    private static CampaignOutcomeInput Outcome(int? hotkey = 5, int? delay = null, bool requiresDate = false, string label = "Rappel") =>
        new() { Label = label, Hotkey = hotkey, CallbackDelayMinutes = delay, RequiresCallbackDate = requiresDate };

    private static IEnumerable<string> Codes(FluentValidation.Results.ValidationResult result) =>
        result.Errors.Select(e => $"{e.PropertyName}:{e.ErrorCode}");

    [Fact]
    public void A_hotkey_another_outcome_uses_is_refused_on_the_hotkey_field()
    {
        var validator = new CampaignOutcomeInputValidator([1, 2, 3]);

        Assert.Equal(["Hotkey:outcome.hotkey.taken"], Codes(validator.Validate(Outcome(hotkey: 2))));
        Assert.True(validator.Validate(Outcome(hotkey: 4)).IsValid);
        Assert.True(validator.Validate(Outcome(hotkey: null)).IsValid); // no shortcut is always allowed
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    public void A_hotkey_is_a_digit_from_1_to_9(int hotkey) =>
        Assert.Equal(["Hotkey:outcome.hotkey.range"], Codes(new CampaignOutcomeInputValidator().Validate(Outcome(hotkey: hotkey))));

    [Fact]
    public void A_callback_delay_and_a_required_callback_date_exclude_each_other()
    {
        var validator = new CampaignOutcomeInputValidator();

        Assert.Equal(["CallbackDelayMinutes:outcome.callback-delay.with-date"],
            Codes(validator.Validate(Outcome(delay: 60, requiresDate: true))));
        Assert.True(validator.Validate(Outcome(delay: 60)).IsValid);
        Assert.True(validator.Validate(Outcome(requiresDate: true)).IsValid);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(43_200, true)]
    [InlineData(43_201, false)]
    public void A_callback_delay_runs_from_one_minute_to_thirty_days(int minutes, bool valid)
    {
        var result = new CampaignOutcomeInputValidator().Validate(Outcome(delay: minutes));
        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal(["CallbackDelayMinutes:outcome.callback-delay.range"], Codes(result));
    }

    [Fact]
    public void An_outcome_needs_a_label_of_at_most_100_characters()
    {
        var validator = new CampaignOutcomeInputValidator();
        Assert.Equal(["Label:outcome.label.required"], Codes(validator.Validate(Outcome(label: "  "))));
        Assert.Equal(["Label:outcome.label.too-long"], Codes(validator.Validate(Outcome(label: new string('a', 101)))));
    }

    [Fact]
    public void Status_input_rules_name_every_bad_field()
    {
        var validator = new CampaignStatusInputValidator();

        var result = validator.Validate(new CampaignStatusInput { Label = "", Stage = (LeadStatus)42, Color = "red" });

        Assert.Equal(["Color:status.color.format", "Label:status.label.required", "Stage:status.stage.unknown"], Codes(result).Order());
        Assert.True(validator.Validate(new CampaignStatusInput { Label = "RDV pris", Stage = LeadStatus.MeetingBooked, Color = "#14b8a6" }).IsValid);
        Assert.True(validator.Validate(new CampaignStatusInput { Label = "Sans couleur", Stage = LeadStatus.New }).IsValid);
        Assert.Equal(["Label:status.label.too-long"],
            Codes(validator.Validate(new CampaignStatusInput { Label = new string('x', 101), Stage = LeadStatus.New })));
    }

    [Theory]
    [InlineData("À rappeler", "a-rappeler")]
    [InlineData("  RDV   pris ! ", "rdv-pris")]
    [InlineData("Intéressé(e)", "interesse-e")]
    [InlineData("!!!", "statut")]
    public void A_key_is_the_slug_of_the_label(string label, string key) =>
        Assert.Equal(key, CampaignKeys.Unique(label, [], "statut"));

    [Fact]
    public void A_key_never_outgrows_its_column_even_when_a_word_starts_at_the_limit()
    {
        // 63 letters then " b": the hyphen and the b used to be added past the check, 65 characters for a varchar(64).
        var key = CampaignKeys.Slug(new string('a', 63) + " b");
        Assert.Equal(new string('a', 63), key);
        Assert.All(new[] { new string('a', 62) + " b", new string('a', 64) + "b", string.Join(' ', Enumerable.Repeat("ab", 40)) },
            label => Assert.InRange(CampaignKeys.Slug(label).Length, 1, CampaignKeys.MaxLength));
    }

    [Fact]
    public void A_key_already_taken_gets_a_number() =>
        Assert.Equal("rdv-pris-3", CampaignKeys.Unique("RDV pris", ["rdv-pris", "rdv-pris-2"], "statut"));
}
