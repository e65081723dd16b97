using Bunit;
using Facturix.App.Campaigns.Outcomes;
using Facturix.App.Campaigns.Statuses;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Campaigns;

/// <summary>The Statuses and Outcomes tabs of the campaign page, rendered with in-memory services.</summary>
public sealed class CampaignSetupTabsTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly FakeCampaignSetup _setup;

    public CampaignSetupTabsTests() : this(new FakeCampaignSetup()) { }

    private readonly InMemoryLiveEvents _events;

    private CampaignSetupTabsTests(FakeCampaignSetup setup) : this(setup, new InMemoryLiveEvents()) { }

    private CampaignSetupTabsTests(FakeCampaignSetup setup, InMemoryLiveEvents events) : base(services => services
        .AddSingleton<ICampaignStatusService>(setup)
        .AddSingleton<ICampaignOutcomeService>(setup)
        .AddSingleton<ILiveEvents>(events))
    {
        _setup = setup;
        _events = events;
        SignIn(Roles.Admin);
    }

    private IRenderedComponent<CampaignTabHost> RenderStatuses(bool canEdit = true) =>
        Render<CampaignTabHost>(p => p.AddChildContent<CampaignStatusesTab>(t => t
            .Add(x => x.CampaignId, CampaignId).Add(x => x.CanEdit, canEdit)));

    private IRenderedComponent<CampaignTabHost> RenderOutcomes(bool canEdit = true) =>
        Render<CampaignTabHost>(p => p.AddChildContent<CampaignOutcomesTab>(t => t
            .Add(x => x.CampaignId, CampaignId).Add(x => x.CanEdit, canEdit)));

    [Fact]
    public void Status_rows_carry_their_key_and_category_hooks_in_order()
    {
        _setup.AddStatus("nouveau", "Nouveau", LeadStatus.New);
        _setup.AddStatus("rdv-pris", "RDV pris", LeadStatus.MeetingBooked, leads: 4);
        _setup.AddStatus("gagne", "Gagné", LeadStatus.Converted);
        _setup.AddStatus("pas-interesse", "Pas intéressé", LeadStatus.NotAFit);
        _setup.AddStatus("ne-pas-appeler", "Ne pas appeler", LeadStatus.DoNotContact);

        var tab = RenderStatuses();

        var rows = tab.WaitForElements("[data-testid=status-row]");
        Assert.Equal(["nouveau", "rdv-pris", "gagne", "pas-interesse", "ne-pas-appeler"], rows.Select(r => r.GetAttribute("data-status-key")));
        Assert.Equal(["new", "in-progress", "won", "lost", "do-not-call"], rows.Select(r => r.GetAttribute("data-category")));
        Assert.Contains("En cours", rows[1].TextContent); // the stage is shown with its category
        // The first row cannot move up, the last cannot move down: reordering is by buttons, reachable by keyboard.
        Assert.True(rows[0].QuerySelector("[data-testid=status-move-up]")!.HasAttribute("disabled"));
        Assert.True(rows[^1].QuerySelector("[data-testid=status-move-down]")!.HasAttribute("disabled"));
    }

    [Fact]
    public void Moving_a_status_down_saves_the_new_order()
    {
        _setup.AddStatus("nouveau", "Nouveau", LeadStatus.New);
        _setup.AddStatus("gagne", "Gagné", LeadStatus.Converted);
        var tab = RenderStatuses();

        tab.WaitForElements("[data-testid=status-move-down]")[0].Click();

        tab.WaitForAssertion(() => Assert.Equal(["gagne", "nouveau"],
            tab.FindAll("[data-testid=status-row]").Select(r => r.GetAttribute("data-status-key"))));
        Assert.Contains("status.reorder gagne,nouveau", _setup.Calls);
    }

    [Fact]
    public void Deleting_a_status_leads_use_asks_where_they_go_before_anything_is_deleted()
    {
        _setup.AddStatus("a-rappeler", "À rappeler", LeadStatus.Attempted, leads: 12);
        _setup.AddStatus("rdv-pris", "RDV pris", LeadStatus.MeetingBooked);
        var tab = RenderStatuses();

        tab.WaitForElements("[data-testid=status-delete]")[0].Click();

        var usage = tab.WaitForElement("[data-testid=status-delete-usage]");
        Assert.Contains("Utilisé par 12 leads.", usage.TextContent);
        Assert.NotNull(tab.Find("[data-testid=status-move-target]"));
        Assert.True(tab.Find("[data-testid=confirm-ok]").HasAttribute("disabled")); // no target yet, no delete
        Assert.DoesNotContain(_setup.Calls, c => c.StartsWith("status.delete", StringComparison.Ordinal));

        tab.Find("[data-testid=confirm-cancel]").Click();
        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("[data-testid=status-delete-dialog]")));
        Assert.Equal(2, tab.FindAll("[data-testid=status-row]").Count);
    }

    [Fact]
    public void Picking_a_target_moves_the_leads_and_deletes_the_status()
    {
        _setup.AddStatus("a-rappeler", "À rappeler", LeadStatus.Attempted, leads: 12);
        _setup.AddStatus("rdv-pris", "RDV pris", LeadStatus.MeetingBooked);
        var tab = RenderStatuses();
        tab.WaitForElements("[data-testid=status-delete]")[0].Click();

        tab.WaitForElement("[data-testid=status-delete-dialog] .mud-select .mud-input-control").MouseDown();
        tab.WaitForElements(".mud-list-item").Single(i => i.TextContent.Contains("RDV pris", StringComparison.Ordinal)).Click();
        tab.WaitForAssertion(() => Assert.False(tab.Find("[data-testid=confirm-ok]").HasAttribute("disabled")));
        tab.Find("[data-testid=confirm-ok]").Click();

        tab.WaitForAssertion(() => Assert.Equal(["rdv-pris"],
            tab.FindAll("[data-testid=status-row]").Select(r => r.GetAttribute("data-status-key"))));
        Assert.Contains("status.delete a-rappeler -> rdv-pris", _setup.Calls);
        Assert.Contains("12 leads déplacés", tab.WaitForElement("[data-testid=toast]").TextContent);
    }

    [Fact]
    public void Deleting_an_unused_status_asks_for_confirmation_then_deletes_it()
    {
        _setup.AddStatus("nouveau", "Nouveau", LeadStatus.New, leads: 3);
        _setup.AddStatus("vide", "Vide", LeadStatus.Attempted);
        var tab = RenderStatuses();

        tab.WaitForElements("[data-testid=status-delete]")[1].Click();
        tab.WaitForElement("[data-testid=confirm-ok]").Click();

        tab.WaitForAssertion(() => Assert.Equal(["nouveau"],
            tab.FindAll("[data-testid=status-row]").Select(r => r.GetAttribute("data-status-key"))));
        Assert.Contains("status.delete vide -> none", _setup.Calls);
    }

    [Fact]
    public void A_new_status_without_a_name_is_refused_on_its_field_and_never_sent()
    {
        var tab = RenderStatuses();

        tab.WaitForElement("[data-testid=status-add]").Click();
        tab.WaitForElement("[data-testid=status-color]").Change("vert");
        tab.Find("form").Submit();

        Assert.Equal("Saisissez le nom du statut.", tab.WaitForElement("[data-testid=field-error][data-field=Label]").TextContent.Trim());
        Assert.NotNull(tab.Find("[data-testid=field-error][data-field=Color]"));
        Assert.Empty(_setup.Calls);
        Assert.Equal("vert", tab.Find("[data-testid=status-color]").GetAttribute("value"));
    }

    [Fact]
    public void A_new_status_is_saved_with_its_stage_and_listed_under_its_category()
    {
        var tab = RenderStatuses();

        tab.WaitForElement("[data-testid=status-add]").Click();
        tab.WaitForElement("[data-testid=status-label]").Change("Relance");
        tab.Find("form").Submit();

        var row = tab.WaitForElement("[data-testid=status-row]");
        Assert.Equal(("relance", "in-progress"), (row.GetAttribute("data-status-key"), row.GetAttribute("data-category")));
        Assert.Contains("status.add Relance", _setup.Calls);
        Assert.Empty(tab.FindAll("[data-testid=status-dialog]"));
    }

    [Fact]
    public void Without_edit_rights_the_statuses_are_read_only()
    {
        _setup.AddStatus("nouveau", "Nouveau", LeadStatus.New);

        var tab = RenderStatuses(canEdit: false);

        tab.WaitForElement("[data-testid=status-row]");
        Assert.Empty(tab.FindAll("[data-testid=status-add], [data-testid=status-delete], [data-testid=status-rename], [data-testid=status-move-up]"));
    }

    [Fact]
    public async Task A_change_to_this_campaign_elsewhere_shows_in_both_tabs_at_once()
    {
        _setup.AddStatus("nouveau", "Nouveau", LeadStatus.New);
        _setup.AddOutcome("no-answer", "Pas de réponse", 1);
        // Both tabs under one host (one popover provider per page).
        var page = Render<CampaignTabHost>(p => p.AddChildContent(b =>
        {
            b.OpenComponent<CampaignStatusesTab>(0);
            b.AddAttribute(1, nameof(CampaignStatusesTab.CampaignId), CampaignId);
            b.CloseComponent();
            b.OpenComponent<CampaignOutcomesTab>(2);
            b.AddAttribute(3, nameof(CampaignOutcomesTab.CampaignId), CampaignId);
            b.CloseComponent();
        }));
        page.WaitForElement("[data-testid=status-row]");
        page.WaitForElement("[data-testid=outcome-row]");
        _setup.AddStatus("gagne", "Gagné", LeadStatus.Converted);
        _setup.AddOutcome("voicemail", "Messagerie", 2);

        await _events.RaiseAsync(new CampaignChanged(CampaignId, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=status-row]").Count));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=outcome-row]").Count));
    }

    [Fact]
    public void Outcome_rows_carry_their_key_and_hotkey()
    {
        _setup.AddOutcome("no-answer", "Pas de réponse", 1);
        _setup.AddOutcome("callback", "Rappel", null);

        var tab = RenderOutcomes();

        var rows = tab.WaitForElements("[data-testid=outcome-row]");
        Assert.Equal(["no-answer", "callback"], rows.Select(r => r.GetAttribute("data-key")));
        Assert.Equal("1", rows[0].GetAttribute("data-hotkey"));
        Assert.Null(rows[1].GetAttribute("data-hotkey"));
    }

    [Fact]
    public void The_outcome_editor_refuses_a_hotkey_another_outcome_uses_and_keeps_what_was_typed()
    {
        _setup.AddOutcome("no-answer", "Pas de réponse", 1);
        var tab = RenderOutcomes();

        tab.WaitForElement("[data-testid=outcome-add]").Click();
        tab.WaitForElement("[data-testid=outcome-label]").Change("Occupé");
        tab.Find("[data-testid=outcome-hotkey]").Change("1");
        tab.Find("form").Submit();

        var error = tab.WaitForElement("[data-testid=field-error][data-field=Hotkey]");
        Assert.Equal("Ce chiffre est déjà le raccourci d'un autre résultat de la campagne.", error.TextContent.Trim());
        Assert.DoesNotContain(_setup.Calls, c => c.StartsWith("outcome.add", StringComparison.Ordinal)); // refused before saving
        Assert.NotNull(tab.Find("[data-testid=outcome-dialog]")); // still open
        Assert.Equal("Occupé", tab.Find("[data-testid=outcome-label]").GetAttribute("value"));
        Assert.Equal("1", tab.Find("[data-testid=outcome-hotkey]").GetAttribute("value"));
    }

    [Fact]
    public void A_hotkey_taken_meanwhile_is_refused_by_the_service_on_the_same_field()
    {
        _setup.AddOutcome("no-answer", "Pas de réponse", 1);
        _setup.NextOutcomeWriteFails = new ValidationException(
            [new ValidationFailure("Hotkey", "taken", 5) { ErrorCode = "outcome.hotkey.taken" }]);
        var tab = RenderOutcomes();

        tab.WaitForElement("[data-testid=outcome-add]").Click();
        tab.WaitForElement("[data-testid=outcome-label]").Change("Occupé");
        tab.Find("[data-testid=outcome-hotkey]").Change("5");
        tab.Find("form").Submit();

        tab.WaitForElement("[data-testid=field-error][data-field=Hotkey]");
        Assert.Contains("outcome.add Occupé 5", _setup.Calls);
        Assert.Equal("5", tab.Find("[data-testid=outcome-hotkey]").GetAttribute("value"));
        Assert.Single(tab.FindAll("[data-testid=outcome-row]"));
    }

    [Fact]
    public void A_valid_new_outcome_is_saved_and_listed()
    {
        var tab = RenderOutcomes();

        tab.WaitForElement("[data-testid=outcome-add]").Click();
        tab.WaitForElement("[data-testid=outcome-label]").Change("Occupé");
        tab.Find("[data-testid=outcome-hotkey]").Change("7");
        tab.Find("form").Submit();

        var row = tab.WaitForElement("[data-testid=outcome-row]");
        Assert.Equal("7", row.GetAttribute("data-hotkey"));
        Assert.Empty(tab.FindAll("[data-testid=outcome-dialog]"));
        Assert.Equal("success", tab.WaitForElement("[data-testid=toast]").GetAttribute("data-severity"));
    }
}
