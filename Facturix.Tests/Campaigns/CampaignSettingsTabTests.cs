using AngleSharp.Dom;
using Bunit;
using Facturix.App.Campaigns.Detail;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Campaigns;

/// <summary>The Settings tab says what is wrong next to the field, in the person's language, and never loses what was typed.</summary>
public sealed class CampaignSettingsTabTests() : ShellTestContext(services => services
    .AddSingleton<ICampaignService>(new ScriptedCampaigns()))
{
    private ScriptedCampaigns Service => (ScriptedCampaigns)Services.GetRequiredService<ICampaignService>();

    private static CampaignDetails Campaign(bool canConfigure = true, uint version = 7, int startHour = 9, int endHour = 18) => new(
        Guid.NewGuid(), Guid.NewGuid(), "Logivia", "Transporteurs", null, "Démos", 40, CampaignState.Active, null, null,
        new TimeOnly(startHour, 0), new TimeOnly(endHour, 0), "Europe/Paris", 15, 6, 240, version,
        Enum.GetValues<StatusCategory>().ToDictionary(c => c, _ => 0), canConfigure);

    private IRenderedComponent<CampaignSettingsTab> RenderTab(CampaignDetails campaign) => RenderHost(campaign).FindComponent<CampaignSettingsTab>();

    /// <summary>The tab with the providers around it: a list's choices open in the popover provider, outside the tab.</summary>
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderHost(CampaignDetails campaign)
    {
        SignIn(Roles.Admin);
        return Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<CampaignSettingsTab>(2);
            builder.AddAttribute(3, nameof(CampaignSettingsTab.Campaign), campaign);
            builder.CloseComponent();
        });
    }

    /// <summary>The queue's numbers take each keystroke (Immediate: a number typed counts as a change before the field is left).</summary>
    private static void Type(IRenderedComponent<CampaignSettingsTab> tab, string testId, string value) =>
        tab.Find($"[data-testid={testId}]").Input(value);

    private static string? ErrorOn(IRenderedComponent<CampaignSettingsTab> tab, string field) =>
        tab.FindAll($"[data-testid=field-error][data-field={field}]").SingleOrDefault()?.TextContent.Trim();

    [Theory]
    [InlineData("fr", "La durée de verrouillage doit être comprise entre 1 et 240 minutes.")]
    [InlineData("en", "The lock lease must be between 1 and 240 minutes.")]
    public void An_out_of_bounds_value_is_refused_next_to_its_field_before_reaching_the_service(string culture, string expected)
    {
        UseCulture(culture);
        var tab = RenderTab(Campaign());

        Type(tab, "settings-lock-lease", "0");
        tab.Find("form").Submit();

        tab.WaitForAssertion(() => Assert.Equal(expected, ErrorOn(tab, "LockLeaseMinutes")));
        Assert.Null(ErrorOn(tab, "MaxCallAttempts"));
        Assert.Equal(0, Service.Saves);
    }

    [Theory]
    [InlineData("fr", "De 0 à 10\u202F080")]
    [InlineData("en", "From 0 to 10,080")]
    public void Each_queue_setting_gives_its_range_under_the_field_not_in_its_label(string culture, string retryRange)
    {
        UseCulture(culture);
        var tab = RenderTab(Campaign());

        var helpers = tab.FindAll(".mud-input-helper-text").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains(retryRange, helpers);
        Assert.DoesNotContain(tab.FindAll("label"), label => label.TextContent.Contains("240", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fr", 9, 18, "00:00 en fin signifie minuit (24:00)")]
    [InlineData("fr", 9, 0, "Jusqu'à minuit (24:00)")]
    [InlineData("fr", 0, 0, "Toute la journée (00:00 à 24:00)")]
    [InlineData("en", 9, 0, "Until midnight (24:00)")]
    [InlineData("en", 0, 0, "All day (00:00 to 24:00)")]
    public void The_end_of_the_hours_says_that_00_00_is_midnight_and_what_the_hours_mean(string culture, int start, int end, string help)
    {
        UseCulture(culture);
        var tab = RenderTab(Campaign(startHour: start, endHour: end));

        var helpers = tab.FindAll(".mud-input-helper-text").Select(h => h.TextContent.Trim()).ToList();
        Assert.Single(helpers, h => h.Contains("24:00", StringComparison.Ordinal));
        Assert.Contains(help, helpers);
    }

    [Fact]
    public void Typing_part_of_a_time_zone_offers_only_the_zones_holding_it_and_choosing_one_sets_it()
    {
        var host = RenderHost(Campaign());

        host.Find("input[data-testid=settings-time-zone]").Input("Toront");

        // When the typed text became the value, it equalled it and every zone was listed: Enter took "Africa/Abidjan".
        host.WaitForAssertion(() => Assert.Equal(["America/Toronto"],
            host.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim())));
        host.Find(".mud-popover-open .mud-list-item").Click();
        host.WaitForAssertion(() => Assert.Equal("America/Toronto", host.Find("input[data-testid=settings-time-zone]").GetAttribute("value")));
    }

    [Fact]
    public void Target_countries_are_added_by_name_as_chips_removed_by_their_cross_and_saved_as_codes()
    {
        var host = RenderHost(Campaign());
        CampaignSettingsInput? saved = null;
        Service.OnSave = (input, _) => saved = input;

        foreach (var (typed, offered) in new[] { ("belg", "Belgique (BE)"), ("suis", "Suisse (CH)"), ("ital", "Italie (IT)") })
        {
            host.Find("input[data-testid=settings-target-countries]").Input(typed);
            host.WaitForElements(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == offered).Click();
            host.WaitForAssertion(() => Assert.Contains(offered, host.FindAll("[data-testid=countries-chip]").Select(c => c.TextContent.Trim())));
        }
        // A chosen country is not offered again, and the field is empty for the next one.
        Assert.Equal("", host.Find("input[data-testid=settings-target-countries]").GetAttribute("value") ?? "");
        // Removed by a real button named after its country (MudChip's own cross is out of the tab order).
        var remove = host.Find("[data-testid=countries-chip][data-code=CH] button[data-testid=countries-chip-remove]");
        Assert.Equal("Retirer Suisse (CH)", remove.GetAttribute("aria-label"));
        Assert.NotEqual("-1", remove.GetAttribute("tabindex"));
        remove.Click();
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Equal("BE, IT", saved?.TargetCountries));
        Assert.Equal(["BE", "IT"], host.FindAll("[data-testid=countries-chip]").Select(c => c.GetAttribute("data-code")));
    }

    [Fact]
    public void A_server_refusal_lands_on_its_field_and_keeps_what_was_typed()
    {
        var tab = RenderTab(Campaign());
        Service.OnSave = (_, _) => throw new ValidationException([new ValidationFailure("TimeZone", "unknown") { ErrorCode = "campaign.time-zone.unknown" }]);

        Type(tab, "settings-max-attempts", "9");
        Type(tab, "settings-retry-delay", "30");
        tab.Find("form").Submit();

        tab.WaitForAssertion(() => Assert.StartsWith("Fuseau horaire inconnu", ErrorOn(tab, "TimeZone")));
        Assert.Equal(1, Service.Saves);
        Assert.Equal("9", tab.Find("[data-testid=settings-max-attempts]").GetAttribute("value"));
        Assert.Equal("30", tab.Find("[data-testid=settings-retry-delay]").GetAttribute("value"));
    }

    [Fact]
    public void A_concurrent_change_is_a_clear_conflict_that_keeps_the_input_and_quotes_the_version_read()
    {
        var tab = RenderTab(Campaign(version: 42));
        uint? quoted = null;
        Service.OnSave = (input, version) =>
        {
            quoted = version;
            throw ConflictException.Concurrency("campaign", Guid.NewGuid());
        };

        Type(tab, "settings-max-attempts", "12");
        tab.Find("form").Submit();

        tab.WaitForAssertion(() => Assert.NotNull(tab.Find("[data-testid=campaign-conflict]")));
        Assert.Equal(42u, quoted);
        Assert.Equal("12", tab.Find("[data-testid=settings-max-attempts]").GetAttribute("value"));
    }

    [Fact]
    public void A_change_elsewhere_in_the_campaign_keeps_the_form_and_takes_its_version()
    {
        var campaign = Campaign(version: 7);
        var tab = RenderTab(campaign);
        var attempts = AttemptsField(tab);

        // Someone saved the campaign's script: a new version, the same settings.
        tab.Render(p => p.Add(c => c.Campaign, campaign with { Version = 8, Name = "Démos Q1" }));

        // The same input (a new form would replace it under the person's focus), and a save quotes the new version.
        Assert.Same(attempts, AttemptsField(tab));
        uint? quoted = null;
        Service.OnSave = (_, version) => quoted = version;
        Type(tab, "settings-retry-delay", "30");
        tab.Find("form").Submit();
        tab.WaitForAssertion(() => Assert.Equal(8u, quoted));
    }

    [Fact]
    public void Someone_elses_settings_show_while_nothing_is_typed_here()
    {
        var campaign = Campaign(version: 7);
        var tab = RenderTab(campaign);

        tab.Render(p => p.Add(c => c.Campaign, campaign with { Version = 8, MaxCallAttempts = 9 }));

        tab.WaitForAssertion(() => Assert.Equal("9", tab.Find("[data-testid=settings-max-attempts]").GetAttribute("value")));
    }

    private static MudNumericField<int> AttemptsField(IRenderedComponent<CampaignSettingsTab> tab) =>
        tab.FindComponents<MudNumericField<int>>()
            .Single(f => f.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, "settings-max-attempts")).Instance;

    [Fact]
    public void People_who_may_not_configure_read_the_settings_without_a_save_button()
    {
        var tab = RenderTab(Campaign(canConfigure: false));

        Assert.Empty(tab.FindAll("[data-testid=form-submit]"));
        Assert.Equal("6", tab.Find("[data-testid=settings-max-attempts]").GetAttribute("value"));
    }

    private sealed class ScriptedCampaigns : CampaignServiceDouble
    {
        public int Saves { get; private set; }
        public Action<CampaignSettingsInput, uint> OnSave { get; set; } = (_, _) => { };

        public override Task UpdateSettingsAsync(Actor actor, Guid campaignId, CampaignSettingsInput input, uint expectedVersion, CancellationToken ct = default)
        {
            Saves++;
            OnSave(input, expectedVersion);
            return Task.CompletedTask;
        }
    }
}
