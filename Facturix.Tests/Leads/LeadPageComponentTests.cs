using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads;

/// <summary>The lead page's fields card (inline validation, conflicts) and score breakdown, rendered alone.</summary>
public sealed class LeadPageComponentTests : ShellTestContext
{
    private readonly FakeLeads _leads;

    public LeadPageComponentTests() : this(new FakeLeads()) { }

    private LeadPageComponentTests(FakeLeads leads) : base(services => services.AddSingleton<ILeadService>(leads))
    {
        _leads = leads;
        SignIn(Roles.Admin);
    }

    private static LeadDetails Lead(LeadScore? score = null) => new(
        Guid.NewGuid(), "Camille", "Martin", "Directrice générale", "Acme", "camille@acme.fr", "+33612345678", "FR", "Lyon",
        LeadStatus.Contacted, null, StatusCategory.InProgress, null, null, null, Guid.NewGuid(), "Printemps", Guid.NewGuid(), "Client",
        null, 7, [], score ?? new LeadScore(0, 0, []));

    private IRenderedComponent<LeadFieldsCard> RenderFields(LeadDetails lead) =>
        Render<LeadFieldsCard>(p => p.Add(c => c.Lead, lead).Add(c => c.CanEdit, true));

    [Fact]
    public void A_call_in_the_timeline_reads_as_one_phrase_and_leaves_out_an_unmeasured_duration()
    {
        var at = DateTimeOffset.UtcNow;
        _leads.Timeline =
        [
            new TimelineItem(Guid.NewGuid(), Facturix.Domain.Activities.ActivityKind.Call, at, "Camille Durand", null, null,
                Facturix.Domain.Activities.CallOutcome.NoAnswer, null, Facturix.Domain.Activities.CallDirection.Outbound, null, null),
            new TimelineItem(Guid.NewGuid(), Facturix.Domain.Activities.ActivityKind.Call, at.AddHours(-1), "Maxime Girard", null, null,
                Facturix.Domain.Activities.CallOutcome.Interested, 502, null, null, null),
            // Pressed in the workspace: the campaign's name for the outcome, not the global one ("Hors cible").
            new TimelineItem(Guid.NewGuid(), Facturix.Domain.Activities.ActivityKind.Call, at.AddHours(-2), "Maxime Girard", "Pas intéressé", null,
                Facturix.Domain.Activities.CallOutcome.NotAFit, 65, Facturix.Domain.Activities.CallDirection.Outbound, null, null,
                OutcomeLabel: "Pas intéressé"),
        ];

        var timeline = Render<LeadTimeline>(p => p.Add(c => c.LeadId, Guid.NewGuid()));

        var lines = timeline.WaitForElements("[data-testid=timeline-item] div[style*=pre-wrap]").Select(d => d.TextContent).ToList();
        Assert.Equal(["Appel sortant · Pas de réponse", "Appel · Intéressé · durée 8:22", "Appel sortant · Pas intéressé · durée 1:05"], lines);
    }

    [Fact]
    public void A_status_change_reads_in_the_campaigns_words_where_they_are_unambiguous()
    {
        var at = DateTimeOffset.UtcNow;
        IReadOnlyList<LeadFilterStatus> statuses =
        [
            new(Guid.NewGuid(), "À rappeler", LeadStatus.Attempted, StatusCategory.InProgress),
            new(Guid.NewGuid(), "En discussion", LeadStatus.Contacted, StatusCategory.InProgress),
            new(Guid.NewGuid(), "Relance e-mail", LeadStatus.Contacted, StatusCategory.InProgress),
            new(Guid.NewGuid(), "Pas intéressé", LeadStatus.NotAFit, StatusCategory.Lost),
        ];
        TimelineItem Change(LeadStatus from, LeadStatus to, string? chosen, int hoursAgo) => new(Guid.NewGuid(),
            Facturix.Domain.Activities.ActivityKind.Status, at.AddHours(-hoursAgo), "Camille Durand", chosen, null, null, null, null, from, to);
        _leads.Timeline =
        [
            // An outcome or the status chip named the campaign status: its label, whatever the stage's.
            Change(LeadStatus.Attempted, LeadStatus.Contacted, "Relance e-mail", 0),
            // Recorded as stages only: one campaign status for the stage reads as it; two read as the stage.
            Change(LeadStatus.Attempted, LeadStatus.NotAFit, null, 1),
            Change(LeadStatus.Attempted, LeadStatus.Contacted, null, 2),
            // A stage the campaign has no status for keeps the stage's name.
            Change(LeadStatus.New, LeadStatus.Attempted, null, 3),
        ];

        var timeline = Render<LeadTimeline>(p => p.Add(c => c.LeadId, Guid.NewGuid()).Add(c => c.CampaignStatuses, statuses));

        var lines = timeline.WaitForElements("[data-testid=timeline-item] div[style*=pre-wrap]").Select(d => d.TextContent).ToList();
        Assert.Equal(["À rappeler → Relance e-mail", "À rappeler → Pas intéressé", "À rappeler → Contacté", "Nouveau → À rappeler"], lines);
    }

    [Theory]
    [InlineData("fr", "Lead passé\nStandard fermé")]
    [InlineData("en", "Lead skipped\nStandard fermé")]
    public void A_skips_note_in_the_timeline_reads_in_the_readers_language_not_as_its_stored_marker(string culture, string expected)
    {
        UseCulture(culture);
        _leads.Timeline =
        [
            new TimelineItem(Guid.NewGuid(), Facturix.Domain.Activities.ActivityKind.Note, DateTimeOffset.UtcNow, "Camille Durand",
                Facturix.Domain.Activities.Activity.SkipSubject, "Standard fermé", null, null, null, null, null),
        ];

        var timeline = Render<LeadTimeline>(p => p.Add(c => c.LeadId, Guid.NewGuid()));

        Assert.Equal(expected, timeline.WaitForElement("[data-testid=timeline-item] div[style*=pre-wrap]").TextContent);
    }

    [Fact]
    public void The_phone_field_reads_grouped_like_the_number_on_the_page_not_as_the_stored_digits()
    {
        var card = RenderFields(Lead());

        Assert.Equal("+33 6 12 34 56 78", card.Find("[data-testid=lead-field-phone]").GetAttribute("value"));
    }

    [Fact]
    public void Inline_edit_shows_field_errors_as_typed_and_keeps_the_input()
    {
        var card = RenderFields(Lead());

        card.Find("[data-testid=lead-field-phone]").Input("12");
        card.Find("[data-testid=lead-field-email]").Input("pas-un-email");
        card.Find("[data-testid=lead-field-company]").Input(" ");
        card.Find("form").Submit();

        card.WaitForAssertion(() => Assert.Equal(["Company", "Email", "Phone"],
            card.FindAll("[data-testid=field-error]").Select(e => e.GetAttribute("data-field")).Order()));
        Assert.StartsWith("Numéro invalide", card.Find("[data-testid=field-error][data-field=Phone]").TextContent.Trim());
        Assert.Equal(0, _leads.Updates);
        Assert.Equal("12", card.Find("[data-testid=lead-field-phone]").GetAttribute("value"));
        Assert.Equal("pas-un-email", card.Find("[data-testid=lead-field-email]").GetAttribute("value"));
    }

    [Fact]
    public void A_concurrent_edit_shows_the_conflict_and_keeps_what_was_typed()
    {
        _leads.OnUpdate = (_, version) => throw ConflictException.Concurrency("lead", Guid.Empty);
        var card = RenderFields(Lead());

        card.Find("[data-testid=lead-field-city]").Input("Annecy");
        card.Find("form").Submit();

        card.WaitForElement("[data-testid=lead-conflict]");
        Assert.Equal(1, _leads.Updates);
        Assert.Equal(7u, _leads.LastVersion);
        Assert.Equal("Annecy", card.Find("[data-testid=lead-field-city]").GetAttribute("value"));
    }

    [Fact]
    public void A_live_reload_that_changed_no_field_keeps_the_form_so_the_field_being_typed_in_stays()
    {
        var lead = Lead();
        var card = RenderFields(lead);
        var phoneField = PhoneField(card);

        // A note or a call logged on the lead: a new row version, the same fields (a new object, as every reload reads).
        card.Render(p => p.Add(c => c.Lead, lead with { Version = 8 }));

        // The same input: a new form would replace it, and the person clicking into it would lose the focus and their keys.
        Assert.Same(phoneField, PhoneField(card));
        // And the new version is taken: the save that follows does not end in a needless conflict.
        card.Find("[data-testid=lead-field-city]").Input("Annecy");
        card.Find("form").Submit();
        card.WaitForAssertion(() => Assert.Equal(1, _leads.Updates));
        Assert.Equal(8u, _leads.LastVersion);
    }

    private static MudBlazor.MudTextField<string> PhoneField(IRenderedComponent<LeadFieldsCard> card) =>
        card.FindComponents<MudBlazor.MudTextField<string>>()
            .Single(f => f.Instance.UserAttributes.TryGetValue("data-testid", out var id) && Equals(id, "lead-field-phone")).Instance;

    [Fact]
    public void Save_and_reset_wait_for_a_change_and_reset_puts_the_stored_value_back()
    {
        var card = RenderFields(Lead());
        Assert.True(card.Find("[data-testid=form-submit]").HasAttribute("disabled"));
        Assert.True(card.Find("[data-testid=lead-fields-reset]").HasAttribute("disabled"));

        card.Find("[data-testid=lead-field-city]").Input("Annecy");
        Assert.False(card.Find("[data-testid=form-submit]").HasAttribute("disabled"));
        card.Find("[data-testid=lead-fields-reset]").Click();

        card.WaitForAssertion(() => Assert.True(card.Find("[data-testid=form-submit]").HasAttribute("disabled")));
        Assert.Equal("Lyon", card.Find("[data-testid=lead-field-city]").GetAttribute("value"));
        Assert.Equal(0, _leads.Updates);
    }

    [Fact]
    public void The_saved_values_show_as_stored_and_another_persons_edit_shows_when_nothing_is_typed()
    {
        var lead = Lead();
        var card = RenderFields(lead);

        // This person's save, read back normalised: the national number shows in its international grouping.
        card.Find("[data-testid=lead-field-phone]").Input("06 11 22 33 44");
        card.Find("form").Submit();
        card.WaitForAssertion(() => Assert.Equal(1, _leads.Updates));
        card.Render(p => p.Add(c => c.Lead, lead with { Phone = "+33611223344", Version = 8 }));
        card.WaitForAssertion(() => Assert.Equal("+33 6 11 22 33 44", card.Find("[data-testid=lead-field-phone]").GetAttribute("value")));

        // Someone else's edit, with nothing typed here: shown.
        card.Render(p => p.Add(c => c.Lead, lead with { Phone = "+33611223344", City = "Annecy", Version = 9 }));
        card.WaitForAssertion(() => Assert.Equal("Annecy", card.Find("[data-testid=lead-field-city]").GetAttribute("value")));
    }

    [Fact]
    public void The_score_breakdown_lists_each_contribution_with_its_points()
    {
        var score = LeadScoring.Compute(new LeadScoreInputs("PDG", null, "FR", new HashSet<string>(), 1, 0, null, DateTimeOffset.UnixEpoch));

        var card = Render<LeadScoreCard>(p => p.Add(c => c.Score, score));

        var rows = card.FindAll("[data-testid=score-contribution]");
        Assert.Equal(score.Contributions.Select(c => (c.Code, c.Points.ToString())),
            rows.Select(r => (r.GetAttribute("data-code")!, r.GetAttribute("data-points")!)));
        Assert.Contains("Fonction\u00A0: dirigeant", rows[0].TextContent);
        Assert.Equal("45", card.Find("[data-testid=score-total]").TextContent.Trim());
    }

    /// <summary>Only what the components call.</summary>
    private sealed class FakeLeads : ILeadService
    {
        public int Updates;
        public uint LastVersion;
        public Action<LeadEditInput, uint> OnUpdate { get; set; } = (_, _) => { };

        public Task UpdateAsync(Actor actor, Guid leadId, LeadEditInput input, uint expectedVersion, CancellationToken ct = default)
        {
            Updates++;
            LastVersion = expectedVersion;
            OnUpdate(input, expectedVersion);
            return Task.CompletedTask;
        }

        public Task<LeadDetails> GetAsync(Actor actor, Guid leadId, CancellationToken ct = default) => throw new NotSupportedException();
        public IReadOnlyList<TimelineItem> Timeline { get; set; } = [];

        public Task<TimelinePage> GetTimelineAsync(Actor actor, Guid leadId, TimelineQuery query, CancellationToken ct = default) =>
            Task.FromResult(new TimelinePage(Timeline, false, null, null));
        public Task<Guid> AddNoteAsync(Actor actor, Guid leadId, string text, CancellationToken ct = default) => throw new NotSupportedException();
    }
}
