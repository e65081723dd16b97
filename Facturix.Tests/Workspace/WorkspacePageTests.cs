using Bunit;
using Facturix.App.Workspace;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Workspace;

/// <summary>
/// The workspace page's own logic over a scripted queue (the host: <see cref="WorkspacePageTest"/>): the campaign it
/// preselects and remembers, what Get Next shows (the lead card, or why the queue is empty) and queue counts following
/// live lock events; never locking on render. The lead on screen (lease, skip, finish): <see cref="WorkspacePageLeadTests"/>.
/// </summary>
public sealed class WorkspacePageTests : WorkspacePageTest
{
    [Fact]
    public void The_campaign_in_the_address_is_preselected_and_nothing_is_locked_until_asked()
    {
        var page = RenderPage(Spring.Id);

        page.WaitForAssertion(() => Assert.Equal(Spring.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        Assert.Equal("Printemps · Logivia (12 appelables)", page.Find("[data-testid=campaign-select]").GetAttribute("value"));
        Assert.Equal(0, _queue.GetNextCalls);
        Assert.Empty(page.FindAll("[data-testid=current-lead]"));
        // The choice is remembered for this user.
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem"
            && Equals(i.Arguments[0], $"fx.workspace.campaign.{UserId}") && Equals(i.Arguments[1], Spring.Id.ToString()));
    }

    [Fact]
    public void Without_an_address_the_last_choice_comes_back_from_the_browser_and_the_selector_lists_callable_counts()
    {
        JSInterop.Setup<string?>("localStorage.getItem", $"fx.workspace.campaign.{UserId}").SetResult(Autumn.Id.ToString());

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(Autumn.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        page.Find(".fx-workspace-campaign .mud-input-control").MouseDown();
        var options = _popovers.WaitForElements("[data-testid=campaign-option]");
        Assert.Equal([(Spring.Id.ToString(), "12"), (Autumn.Id.ToString(), "0")],
            options.Select(o => (o.GetAttribute("data-campaign-id")!, o.GetAttribute("data-callable")!)));
        Assert.Equal(0, _queue.GetNextCalls);
    }

    [Fact]
    public void A_bd_on_a_single_campaign_has_it_chosen_and_gets_a_lead_without_opening_the_selector()
    {
        _queue.Campaigns = [Spring];
        _queue.Next.Enqueue(QueueResult.Locked(Lead()));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(Spring.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        Assert.Empty(page.FindAll("[data-testid=workspace-campaign-choice]"));
        page.Find("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=current-lead]");
        Assert.Equal([Spring.Id], _queue.GetNextCampaigns);
    }

    [Fact]
    public void With_several_campaigns_and_none_remembered_each_is_a_button_that_chooses_it()
    {
        var page = RenderPage();

        var choices = page.WaitForElements("[data-testid=workspace-campaign-choice]");
        Assert.Equal([Spring.Id.ToString(), Autumn.Id.ToString()], choices.Select(c => c.GetAttribute("data-campaign-id")!));
        Assert.Contains("12 appelables", choices[0].TextContent);
        Assert.True(page.Find("[data-testid=get-next]").HasAttribute("disabled"));

        choices[1].Click();

        page.WaitForAssertion(() => Assert.Equal(Autumn.Id.ToString(), page.Find("[data-testid=campaign-select]").GetAttribute("data-selected")));
        Assert.Empty(page.FindAll("[data-testid=workspace-campaign-choice]"));
        Assert.False(page.Find("[data-testid=get-next]").HasAttribute("disabled"));
        Assert.Equal(0, _queue.GetNextCalls); // choosing is not taking a lead
    }

    [Fact]
    public void The_campaign_cannot_change_while_a_lead_is_on_screen_and_the_field_says_why()
    {
        _queue.Next.Enqueue(QueueResult.Locked(Lead()));
        var page = RenderPage(Spring.Id);
        Assert.Empty(page.FindAll("[data-testid=campaign-select] input[disabled], input[data-testid=campaign-select][disabled]"));

        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=current-lead]");

        // Switching used to release the lead past the outcome-or-skip-reason rule, losing the note typed for it.
        Assert.NotEmpty(page.FindAll("[data-testid=campaign-select] input[disabled], input[data-testid=campaign-select][disabled]"));
        Assert.Contains("Terminez ou passez ce lead", page.Find(".fx-workspace-campaign").TextContent);
    }

    [Fact]
    public void Get_next_shows_the_lead_card_with_its_hooks_and_the_lease()
    {
        var lead = Lead();
        _queue.Next.Enqueue(QueueResult.Locked(lead));
        var page = RenderPage(Spring.Id);

        page.WaitForElement("[data-testid=get-next]").Click();

        var card = page.WaitForElement("[data-testid=current-lead]");
        Assert.Equal(lead.Id.ToString(), card.GetAttribute("data-lead-id"));
        Assert.Equal("Camille Martin", card.QuerySelector("[data-testid=lead-name]")!.TextContent.Trim());
        Assert.Equal("Acme", card.QuerySelector("[data-testid=lead-company]")!.TextContent.Trim());
        // As the BD reads it (a French number, nationally; decision 0079), the stored value beside it.
        Assert.Equal("06\u00A012\u00A034\u00A056\u00A078", card.QuerySelector("[data-testid=lead-phone]")!.TextContent.Trim());
        Assert.Equal("+33612345678", card.QuerySelector("[data-testid=lead-phone]")!.GetAttribute("data-e164"));
        Assert.Equal("camille@acme.fr", card.QuerySelector("[data-testid=lead-email]")!.TextContent.Trim());
        Assert.Equal("Nouveau", card.QuerySelector("[data-testid=lead-status]")!.TextContent.Trim());
        Assert.Equal("2", card.QuerySelector("[data-testid=lead-attempts]")!.TextContent.Trim());
        var lease = card.QuerySelector("[data-testid=lease-remaining]")!;
        Assert.Equal("900", lease.GetAttribute("data-seconds"));
        Assert.Contains("15:00", lease.TextContent);
        Assert.Equal(lead.Id, Services.GetRequiredService<WorkspaceLockTracker>().HeldIn(Spring.Id));
        Assert.Equal([Spring.Id], _queue.GetNextCampaigns);
        Assert.Empty(page.FindAll("[data-testid=get-next]")); // Finish & Next takes over while a lead is on screen
    }

    [Theory]
    [InlineData(QueueEmptyReason.Empty, "empty", "Aucun lead à appeler dans cette campagne")]
    [InlineData(QueueEmptyReason.OutsideHours, "outside-hours", "Hors des heures d'appel des leads restants")]
    [InlineData(QueueEmptyReason.AllLocked, "all-locked", "Tous les leads appelables sont en cours de traitement")]
    [InlineData(QueueEmptyReason.CapsReached, "caps-reached", "Les leads restants ont atteint leur nombre maximal de tentatives")]
    public void An_empty_queue_says_why_and_when_the_next_lead_is_callable_in_the_users_zone(QueueEmptyReason reason, string hook, string text)
    {
        var nextAt = new DateTimeOffset(2026, 3, 11, 7, 30, 0, TimeSpan.Zero); // 08:30 in Paris
        _queue.Next.Enqueue(QueueResult.Nothing(reason, nextAt));
        var page = RenderPage(Spring.Id);

        page.WaitForElement("[data-testid=get-next]").Click();

        var empty = page.WaitForElement("[data-testid=queue-empty]");
        Assert.Equal(hook, empty.GetAttribute("data-reason"));
        Assert.Equal(nextAt, DateTimeOffset.Parse(empty.GetAttribute("data-next-at")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(text, empty.TextContent);
        Assert.Contains("Prochain lead appelable\u00A0: 11/03/2026 08:30", empty.TextContent);
        Assert.Empty(page.FindAll("[data-testid=current-lead]"));
    }

    [Fact]
    public void Caps_reached_says_that_waiting_brings_nothing_back()
    {
        // Every open lead is at its cap (QueueRules.EmptyReason): no time to wait for, so the hint says what can be done.
        _queue.Next.Enqueue(QueueResult.Nothing(QueueEmptyReason.CapsReached, null));
        var page = RenderPage(Spring.Id);

        page.WaitForElement("[data-testid=get-next]").Click();

        var empty = page.WaitForElement("[data-testid=queue-empty]");
        Assert.Contains("Aucun ne reviendra dans la file\u00a0: choisissez une autre campagne", empty.TextContent);
        Assert.DoesNotContain("délai de relance", empty.TextContent);
    }

    [Fact]
    public void An_empty_queue_says_live_when_leads_are_callable_again()
    {
        _queue.Campaigns = [Spring with { CallableNow = 0 }, Autumn];
        _queue.Next.Enqueue(QueueResult.Nothing(QueueEmptyReason.AllLocked, null));
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=get-next]").Click();
        page.WaitForElement("[data-testid=queue-empty]");
        Assert.Empty(page.FindAll("[data-testid=queue-callable-again]"));

        // Another BD finishes a lead: the count follows live, and the empty state says N would get one now.
        _clock.Advance(TimeSpan.FromSeconds(1));
        _queue.Campaigns = [Spring with { CallableNow = 2 }, Autumn];
        _live.RaiseAsync(new LeadUnlocked(Guid.NewGuid(), Spring.Id));

        var again = page.WaitForElement("[data-testid=queue-callable-again]");
        Assert.Equal(("2", "2 leads sont de nouveau appelables\u00a0: appuyez sur N."), (again.GetAttribute("data-callable"), again.TextContent.Trim()));
    }

    [Fact]
    public void Queue_counts_follow_lock_events_of_the_listed_campaigns_only()
    {
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=campaign-select]");
        var loads = _queue.CampaignLoads;

        _live.RaiseAsync(new LeadLocked(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "bd2@facturix.local"));
        Assert.Equal(loads, _queue.CampaignLoads);

        _queue.Campaigns = [Spring with { CallableNow = 11 }, Autumn];
        _live.RaiseAsync(new LeadLocked(Guid.NewGuid(), Spring.Id, Guid.NewGuid(), "bd2@facturix.local"));

        page.WaitForAssertion(() => Assert.Equal("Printemps · Logivia (11 appelables)", page.Find("[data-testid=campaign-select]").GetAttribute("value")));

        // One left reads in the singular. (The page's clock moves past the live refresh's interval, so this reloads at once.)
        _clock.Advance(TimeSpan.FromSeconds(1));
        _queue.Campaigns = [Spring with { CallableNow = 1 }, Autumn];
        _live.RaiseAsync(new LeadLocked(Guid.NewGuid(), Spring.Id, Guid.NewGuid(), "bd3@facturix.local"));
        page.WaitForAssertion(() => Assert.Equal("Printemps · Logivia (1 appelable)", page.Find("[data-testid=campaign-select]").GetAttribute("value")));
    }

    [Fact]
    public async Task An_import_finishing_in_a_listed_campaign_updates_its_callable_count_one_elsewhere_does_not()
    {
        var page = RenderPage(Spring.Id);
        page.WaitForElement("[data-testid=campaign-select]");
        var loads = _queue.CampaignLoads;

        await _live.RaiseAsync(new LeadsImported(Guid.NewGuid(), 500));
        Assert.Equal(loads, _queue.CampaignLoads);

        _queue.Campaigns = [Spring with { CallableNow = 512 }, Autumn];
        await _live.RaiseAsync(new LeadsImported(Spring.Id, 500));

        page.WaitForAssertion(() => Assert.Equal("Printemps · Logivia (512 appelables)", page.Find("[data-testid=campaign-select]").GetAttribute("value")));
    }

    [Fact]
    public async Task A_campaign_of_the_bd_made_active_joins_the_selector_another_teams_campaign_does_not_reload_it()
    {
        var winter = new WorkspaceCampaign(Guid.NewGuid(), "Hiver", "Logivia", 5);
        SignIn(Roles.BusinessDeveloper, "bd1@facturix.local",
            scope: new ScopeSnapshot(false, new HashSet<Guid>(), new HashSet<Guid> { Spring.Id, Autumn.Id, winter.Id }));
        var page = RenderPage();
        page.WaitForElements("[data-testid=workspace-campaign-choice]");
        var loads = _queue.CampaignLoads;

        await _live.RaiseAsync(new CampaignChanged(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal(loads, _queue.CampaignLoads);

        // The paused campaign is resumed: it is callable again, and the BD can choose it without reloading the page.
        _queue.Campaigns = [Spring, Autumn, winter];
        await _live.RaiseAsync(new CampaignChanged(winter.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Equal([Spring.Id.ToString(), Autumn.Id.ToString(), winter.Id.ToString()],
            page.FindAll("[data-testid=workspace-campaign-choice]").Select(c => c.GetAttribute("data-campaign-id")!)));
    }
}
