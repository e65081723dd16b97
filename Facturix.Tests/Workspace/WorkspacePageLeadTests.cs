using Bunit;
using Facturix.App.Workspace;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Workspace;

/// <summary>
/// The lead on the workspace page: its lease (renewed, then lost), skip, the lead this circuit holds coming back on
/// load, and finish with or without an outcome. Choosing the campaign and getting a lead: <see cref="WorkspacePageTests"/>.
/// </summary>
public sealed class WorkspacePageLeadTests : WorkspacePageTest
{
    [Fact]
    public void The_lease_is_renewed_at_a_third_of_its_length_and_a_lost_lease_clears_the_card()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=current-lead]");

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(_queue.Renewed);
        _clock.Advance(TimeSpan.FromMinutes(1));
        page.WaitForAssertion(() => Assert.Equal([lead.Id], _queue.Renewed));
        page.WaitForAssertion(() => Assert.Equal("900", page.Find("[data-testid=lease-remaining]").GetAttribute("data-seconds")));

        _queue.RenewFails = true;
        _clock.Advance(TimeSpan.FromMinutes(5));

        page.WaitForElement("[data-testid=lease-lost]");
        Assert.Empty(page.FindAll("[data-testid=current-lead]"));
        Assert.Null(Services.GetRequiredService<WorkspaceLockTracker>().HeldLeadId);
    }

    [Fact]
    public void Skip_asks_a_reason_then_skips_and_takes_the_next_lead()
    {
        var first = Lead("Camille Martin");
        var second = Lead("Hugo Bernard");
        _queue.Next.Enqueue(QueueResult.Locked(first));
        _queue.Next.Enqueue(QueueResult.Locked(second));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();

        page.WaitForElement("[data-testid=skip-lead]").Click();
        _dialogs.WaitForElement("[data-testid=skip-dialog]");
        _dialogs.WaitForElement("[data-testid=skip-reason]").Input("Mauvais numéro");
        _dialogs.WaitForElement("[data-testid=skip-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(second.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal([(first.Id, "Mauvais numéro")], _queue.Skipped);
        Assert.Equal(second.Id, Services.GetRequiredService<WorkspaceLockTracker>().HeldIn(Spring.Id));
    }

    [Fact]
    public void A_lead_this_circuit_already_holds_comes_back_on_load_without_a_click()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        Services.GetRequiredService<WorkspaceLockTracker>().Hold(Actor.WithDefaultCapabilities(UserId, "bd1@facturix.local", Roles.BusinessDeveloper), lead.Id, Spring.Id);

        var page = RenderPage(Spring.Id);

        page.WaitForAssertion(() => Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal(1, _queue.GetNextCalls);
    }

    [Fact]
    public async Task An_outcome_recorded_before_leaving_the_page_lets_finish_go_on_when_the_lead_comes_back()
    {
        var lead = Lead();
        var next = Lead("Hugo Bernard");
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=outcome-no-answer]").Click();
        page.WaitForElement("[data-testid=outcome-recorded]");

        // The BD opens the lead's page and comes back: same circuit, the lead is handed back, its outcome bar afresh.
        await DisposeComponentsAsync();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        _queue.Next.Enqueue(QueueResult.Locked(next));
        page = RenderPage(Spring.Id);
        page.WaitForAssertion(() => Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        page.Find("[data-testid=finish-next]").Click();

        // The call is logged already: Finish releases and moves on, instead of asking for a second outcome.
        page.WaitForAssertion(() => Assert.Equal(next.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Empty(page.FindAll("[data-testid=finish-needs-outcome]"));
        Assert.Equal([lead.Id], _queue.Released);
        Assert.Single(_outcomes.Recorded);
    }

    [Fact]
    public async Task An_outcome_pressed_again_after_coming_back_corrects_the_call_of_the_hold_instead_of_logging_another()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=outcome-no-answer]").Click();
        page.WaitForElement("[data-testid=outcome-recorded]");
        Assert.Null(_outcomes.Recorded[0].Amends); // the hold's first outcome is a new call

        // The BD opens the lead's page and comes back (decision 0076): the bar starts afresh, the hold's call is remembered.
        await DisposeComponentsAsync();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        page = RenderPage(Spring.Id);
        page.WaitForAssertion(() => Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        page.Find("[data-testid=outcome-no-answer]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, _outcomes.Recorded.Count));
        Assert.Equal(_outcomes.Calls[0], _outcomes.Recorded[1].Amends); // decision 0078: amended, not a second call
    }

    [Fact]
    public void A_lead_held_in_another_campaign_comes_back_before_the_campaign_in_the_address()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var tracker = Services.GetRequiredService<WorkspaceLockTracker>();
        tracker.Hold(Actor.WithDefaultCapabilities(UserId, "bd1@facturix.local", Roles.BusinessDeveloper), lead.Id, Spring.Id);

        var page = RenderPage(Autumn.Id);

        // The held lead, in its campaign, and the selector held by it: not a second lead in Autumn with the first one
        // locked out of everyone's queue until its lease ran out.
        page.WaitForAssertion(() => Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal([Spring.Id], _queue.GetNextCampaigns);
        Assert.Equal(Spring.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected"));
        Assert.Equal(lead.Id, tracker.HeldLeadId);
    }

    [Fact]
    public async Task A_held_lead_comes_back_even_when_the_page_renders_before_its_campaigns_are_read()
    {
        // In the app the campaigns come from the database: the page renders (and is interactive) while they are read.
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var tracker = Services.GetRequiredService<WorkspaceLockTracker>();
        tracker.Hold(Actor.WithDefaultCapabilities(UserId, "bd1@facturix.local", Roles.BusinessDeveloper), lead.Id, Spring.Id);
        var campaignsRead = _queue.HoldNextCampaigns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var page = RenderPage(Autumn.Id);
        page.WaitForAssertion(() => Assert.Equal(1, _queue.CampaignLoads));
        await page.InvokeAsync(campaignsRead.SetResult);

        page.WaitForAssertion(() => Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal(Spring.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected"));
        Assert.Equal([Spring.Id], _queue.GetNextCampaigns);
    }

    [Fact]
    public async Task The_address_campaign_is_chosen_when_a_live_reload_overtakes_the_first_read_of_the_campaigns()
    {
        // The first read answers late; meanwhile a lock in a listed campaign reloads the list, which lands first.
        var campaignsRead = _queue.HoldNextCampaigns = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = RenderPage(Autumn.Id);
        page.WaitForAssertion(() => Assert.Equal(1, _queue.CampaignLoads));
        await page.InvokeAsync(() => _live.RaiseAsync(new LeadsImported(Autumn.Id, 3)));
        page.WaitForAssertion(() => Assert.Equal(2, _queue.CampaignLoads));

        page.WaitForAssertion(() => Assert.Equal(Autumn.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        await page.InvokeAsync(campaignsRead.SetResult);
        page.WaitForAssertion(() => Assert.Equal(Autumn.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        Assert.Empty(page.FindAll("[data-testid=workspace-campaign-choice]"));
    }

    [Fact]
    public void A_note_typed_after_the_outcome_is_saved_by_finish_not_dropped()
    {
        var first = Lead();
        var second = Lead("Hugo Bernard");
        _queue.Next.Enqueue(QueueResult.Locked(first));
        _queue.Next.Enqueue(QueueResult.Locked(second));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=outcome-no-answer]").Click();
        page.WaitForElement("[data-testid=outcome-recorded]");

        page.Find("textarea[data-testid=note-input]").Input("  Standard : rappeler après 14 h  ");
        page.Find("[data-testid=finish-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(second.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal([(first.Id, "Standard : rappeler après 14 h")], _notes.Notes);
        Assert.Single(_outcomes.Recorded); // a note, not a second call
        Assert.Equal([first.Id], _queue.Released);
    }

    [Fact]
    public void The_card_follows_a_status_and_a_phone_changed_by_someone_else_live()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=current-lead]");

        // A manager sets "Ne pas contacter" on the lead's page and corrects the number, while the BD is about to call.
        _notes.Details = new LeadDetails(lead.Id, "Camille", "Martin", lead.JobTitle, lead.Company, lead.Email, "+15145551234", "CA", null,
            LeadStatus.DoNotContact, null, StatusCategory.DoNotCall, null, null, null, lead.CampaignId, "Printemps", lead.AccountId, "Logivia",
            lead.LastContactedAt, 2, [], new LeadScore(42, 42, []));
        _live.RaiseAsync(new LeadUpdated(Guid.NewGuid(), lead.CampaignId)); // another lead: nothing to re-read
        _live.RaiseAsync(new LeadUpdated(lead.Id, lead.CampaignId));

        page.WaitForAssertion(() => Assert.Equal("DoNotContact", page.Find("[data-testid=lead-status]").GetAttribute("data-status")));
        Assert.Equal("Ne pas contacter", page.Find("[data-testid=lead-status]").TextContent.Trim());
        Assert.Equal("+15145551234", page.Find("[data-testid=lead-phone]").GetAttribute("data-e164"));
        Assert.Equal("+1\u00A0514-555-1234", page.Find("[data-testid=lead-phone]").TextContent.Trim()); // abroad: international
        Assert.Contains("America/Toronto", page.Find("[data-testid=lead-local-time]").TextContent);
        Assert.Equal(lead.LockExpiresAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=lease-remaining]").GetAttribute("data-expires-at")); // the lock is not taken again
        Assert.Equal(1, _queue.GetNextCalls);
    }

    [Fact]
    public void Finish_without_an_outcome_asks_for_one_and_keeps_the_lead()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();

        page.WaitForElement("[data-testid=finish-next]").Click();

        page.WaitForElement("[data-testid=finish-needs-outcome]");
        Assert.Equal(lead.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id"));
        Assert.Empty(_queue.Released);
        Assert.Equal(1, _queue.GetNextCalls);
    }

    [Fact]
    public void An_outcome_then_finish_releases_the_lead_and_takes_the_next()
    {
        var first = Lead("Camille Martin");
        var second = Lead("Hugo Bernard");
        _queue.Next.Enqueue(QueueResult.Locked(first));
        _queue.Next.Enqueue(QueueResult.Locked(second));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();

        var contactBefore = page.WaitForElement("[data-testid=lead-last-contact]").TextContent.Trim();
        page.WaitForElement("[data-testid=outcome-no-answer]").Click();
        page.WaitForElement("[data-testid=outcome-recorded]");
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=lead-attempts]").TextContent.Trim()));
        // A no-answer is not a contact: the card keeps the last real one (it used to show "now").
        Assert.Equal(contactBefore, page.Find("[data-testid=lead-last-contact]").TextContent.Trim());
        // The chip says where the lead stands now, as the service answered: the stage, since it has no campaign status
        // any more (it kept saying "Nouveau" beside data-status="Contacted").
        var chip = page.Find("[data-testid=lead-status]");
        Assert.Equal(("Contacted", "Contacté"), (chip.GetAttribute("data-status"), chip.TextContent.Trim()));
        page.Find("[data-testid=finish-next]").Click();

        page.WaitForAssertion(() => Assert.Equal(second.Id.ToString(), page.Find("[data-testid=current-lead]").GetAttribute("data-lead-id")));
        Assert.Equal([first.Id], _outcomes.Recorded.Select(r => r.LeadId));
        Assert.Equal([first.Id], _queue.Released); // recorded without release, so Finish released it
        Assert.Equal(second.Id, Services.GetRequiredService<WorkspaceLockTracker>().HeldIn(Spring.Id));
    }
}
