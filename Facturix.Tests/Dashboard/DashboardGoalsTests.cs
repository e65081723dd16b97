using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Import;
using Facturix.Tests.Support;
using Facturix.Domain.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Facturix.Tests.Dashboard;

/// <summary>The dashboard's goals card: who may change goals, the confirmed delete, editing with the version read, the rules before saving.</summary>
public sealed class DashboardGoalsTests : DashboardPageTest
{
    [Fact]
    public void A_BD_sees_goals_without_the_means_to_change_them()
    {
        SignIn(Roles.BusinessDeveloper);

        var page = RenderPage();

        var goal = page.Find("[data-testid=goal-progress]");
        // A ring with its full track under the value: a goal at 0 % still reads as a ring to fill.
        Assert.Equal(2, goal.QuerySelectorAll(".fx-goal__ring .mud-progress-circular").Length);
        // The ring is one image named by its figures; its two circles are drawing only, not two nameless progress bars.
        Assert.False(string.IsNullOrWhiteSpace(goal.QuerySelector(".fx-goal__ring[role=img]")!.GetAttribute("aria-label")));
        Assert.All(goal.QuerySelectorAll(".fx-goal__ring .mud-progress-circular"), c => Assert.Equal("true", c.GetAttribute("aria-hidden")));
        Assert.NotNull(goal.QuerySelector(".fx-goal__ring .fx-goal__track:first-child"));
        // Its period as people name it, its exact days in the tooltip.
        var period = goal.QuerySelector("[data-testid=goal-period]")!;
        Assert.Equal("Novembre 2026", period.TextContent);
        Assert.StartsWith("01/11/2026 → ", period.GetAttribute("title"));
        Assert.Empty(page.FindAll("[data-testid=goal-add]"));
        Assert.Empty(page.FindAll("[data-testid=goal-edit]"));
        Assert.Empty(page.FindAll("[data-testid=goal-delete]"));
    }

    [Fact]
    public void A_quarter_and_a_week_are_named_as_people_say_them()
    {
        var l = Services.GetRequiredService<IStringLocalizer<DashboardStrings>>();

        Assert.Equal("T4 2026", DashboardFormat.GoalPeriod(l, GoalPeriodUnit.Quarter, new DateOnly(2026, 10, 1)));
        Assert.Equal("Semaine du 30/11/2026", DashboardFormat.GoalPeriod(l, GoalPeriodUnit.Week, new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_manager_deletes_a_goal_only_after_confirming()
    {
        SignIn(Roles.Manager);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        Assert.NotNull(host.WaitForElement("[data-testid=goal-add]"));

        host.WaitForElement("[data-testid=goal-delete]").Click();
        host.WaitForElement("[data-testid=confirm-cancel]").Click();
        Assert.Empty(Goals.Deleted);

        host.Find("[data-testid=goal-delete]").Click();
        host.WaitForElement("[data-testid=confirm-ok]").Click();

        host.WaitForAssertion(() => Assert.Equal([DashboardSamples.GoalId], Goals.Deleted));
    }

    [Fact]
    public void Editing_a_goal_saves_it_with_the_version_read_and_reloads_the_rings()
    {
        SignIn(Roles.Manager);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        host.WaitForElement("[data-testid=goal-edit]").Click();
        var target = host.WaitForElement("input[data-testid=goal-target], [data-testid=goal-target] input");
        Assert.Equal("100", target.GetAttribute("value"));
        Assert.Equal("2026-11-01", host.Find("input[data-testid=goal-start], [data-testid=goal-start] input").GetAttribute("value"));
        var queries = Dashboard.Queries.Count;

        target.Change("150");
        host.Find("form[id^=goal-form-]").Submit(); // the dialog's submit button sits outside the form (form=...)

        host.WaitForAssertion(() => Assert.Single(Goals.Updated));
        var (goalId, input, version) = Goals.Updated[0];
        Assert.Equal(DashboardSamples.GoalId, goalId);
        Assert.Equal(150, input.Target);
        Assert.Equal(new DateOnly(2026, 11, 1), input.PeriodStart);
        Assert.Equal(1u, version);
        host.WaitForAssertion(() => Assert.Equal(queries + 1, Dashboard.Queries.Count));
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=goal-dialog]")));
    }

    [Fact]
    public void When_the_campaigns_cannot_be_listed_the_goal_dialog_still_opens_and_says_so()
    {
        SignIn(Roles.Manager);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        var addGoal = host.WaitForElement("[data-testid=goal-add]");
        ((ListedCampaigns)Services.GetRequiredService<ICampaignService>()).ListFailure = new InvalidOperationException("database gone");

        addGoal.Click();

        // The dialog sits outside the page's error boundary: before, this failure ended the circuit.
        Assert.NotNull(host.WaitForElement("[data-testid=goal-dialog] [data-testid=goal-target]"));
        host.WaitForAssertion(() => Assert.Equal("error", host.Find("[data-testid=toast]").GetAttribute("data-severity")));
    }

    [Fact]
    public void A_new_goal_is_checked_by_the_goal_rules_before_anything_is_saved_and_keeps_what_was_typed()
    {
        SignIn(Roles.Manager);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        host.WaitForElement("[data-testid=goal-add]").Click();
        var start = host.WaitForElement("input[data-testid=goal-start], [data-testid=goal-start] input");
        Assert.Equal("2026-11-01", start.GetAttribute("value")); // this month's 1st, in agency days

        start.Change("2026-11-03");
        host.Find("form[id^=goal-form-]").Submit();

        host.WaitForAssertion(() => Assert.Equal(["PeriodStart", "SubjectId", "Target"],
            host.FindAll("[data-testid=goal-dialog] [data-testid=field-error]").Select(e => e.GetAttribute("data-field")!).Order().ToArray()));
        Assert.Equal("2026-11-03", host.Find("input[data-testid=goal-start], [data-testid=goal-start] input").GetAttribute("value"));
        Assert.Empty(Goals.Created);
    }

    [Fact]
    public void The_goal_dialog_offers_the_BDs_the_manager_may_set_goals_for_even_while_showing_their_own_figures()
    {
        // The page opens on "mine", as this manager chose: the BD choices came from the tiles behind the dialog, the
        // manager's own tile alone.
        Goals.Bds = [new GoalSubjectChoice(Guid.NewGuid(), "Camille Durand"), new GoalSubjectChoice(Guid.NewGuid(), "Julien Bernard")];
        SignIn(Roles.Manager);
        Preferences.SetDashboardAsync(Me, new DashboardPreferences(MetricsScope.Mine, DashboardPeriod.Default));
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());
        Assert.Equal(MetricsScope.Mine, Dashboard.Queries.Last().Scope);

        host.WaitForElement("[data-testid=goal-add]").Click();
        ChooseKind(host, "Un BD"); // on "mine" a new goal starts as a campaign's, which that card shows
        SubjectControl(host).MouseDown();

        host.WaitForAssertion(() => Assert.Equal(["Camille Durand", "Julien Bernard"],
            host.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToArray()));
    }

    [Fact]
    public void Editing_a_goal_whose_subject_is_no_longer_offered_still_names_it()
    {
        // The sample goal's BD ("bd1") is not among the BDs offered now (moved to campaigns out of scope, say).
        SignIn(Roles.Manager);
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());

        host.WaitForElement("[data-testid=goal-edit]").Click();

        // The locked select names the subject (it was blank: no choice matched the goal's id).
        host.WaitForAssertion(() => Assert.Equal("bd1", host.Find("[data-testid=goal-dialog] [data-testid=goal-subject]").TextContent.Trim()));
    }

    [Theory]
    [InlineData(250, 249, 1 / 32.0, "99\u202F%", "0,1 par jour pour finir")] // one call short, a month left
    [InlineData(100, 50, 1 / 25.0, "50\u202F%", "0,1 par jour pour finir")] // one left, 25 days to go
    [InlineData(100, 29, 3.51, "29\u202F%", "3,6 par jour pour finir")] // 3.5 a day would not finish
    [InlineData(100, 100, 0, "100\u202F%", "Objectif atteint")]
    public void A_ring_never_reads_reached_before_the_target_nor_zero_a_day_while_work_is_left(
        int target, int achieved, double pace, string figure, string paceText)
    {
        SignIn(Roles.Manager);
        var goal = new GoalProgress(Guid.NewGuid(), GoalSubject.User, Guid.NewGuid(), "Camille", GoalMetric.Calls, GoalPeriodUnit.Quarter,
            new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), target, achieved, pace, true, 1);

        var card = Render<GoalsCard>(p => p.Add(c => c.Progress, [goal]));

        Assert.Equal(figure, card.Find(".fx-goal__figure").TextContent.Trim());
        Assert.Equal(paceText, card.Find("[data-testid=goal-pace]").TextContent.Trim());
    }

    [Fact]
    public void Each_rings_buttons_say_whose_goal_on_what_to_a_screen_reader()
    {
        SignIn(Roles.Manager);

        var page = RenderPage();

        // They all read "Modifier l'objectif" / "Supprimer l'objectif", one pair per ring.
        Assert.Equal("Modifier l'objectif\u00A0: bd1, appels, Mois", Attr(page, "[data-testid=goal-edit]", "aria-label"));
        Assert.Equal("Supprimer l'objectif\u00A0: bd1, appels, Mois", Attr(page, "[data-testid=goal-delete]", "aria-label"));
    }

    [Theory]
    [InlineData(MetricsScope.Mine, "Objectif enregistré. Les objectifs de vos BD s'affichent dans «\u00A0Mon équipe\u00A0».")]
    [InlineData(MetricsScope.Team, "Objectif enregistré.")]
    public async Task A_BDs_goal_saved_from_my_own_figures_says_where_it_shows(MetricsScope scope, string toast)
    {
        // "Mine" lists a person's goals only for the viewer: the goal was saved, toasted, and nowhere to be seen.
        var camille = new GoalSubjectChoice(Guid.NewGuid(), "Camille Durand");
        Goals.Bds = [camille];
        SignIn(Roles.Manager);
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(scope, DashboardPeriod.Default));
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());

        host.WaitForElement("[data-testid=goal-add]").Click();
        ChooseKind(host, "Un BD");
        SubjectControl(host).MouseDown();
        host.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "Camille Durand").Click();
        host.Find("input[data-testid=goal-target], [data-testid=goal-target] input").Change("20");
        host.Find("form[id^=goal-form-]").Submit();

        host.WaitForAssertion(() => Assert.Equal(camille.Id, Assert.Single(Goals.Created).SubjectId));
        host.WaitForAssertion(() => Assert.Equal(toast, host.Find("[data-testid=toast]").TextContent.Trim()));
    }

    [Theory]
    [InlineData(MetricsScope.Mine, "Une campagne")]
    [InlineData(MetricsScope.Team, "Un BD")]
    public async Task A_new_goal_starts_as_one_the_card_it_was_opened_from_shows(MetricsScope scope, string kind)
    {
        SignIn(Roles.Manager);
        await Preferences.SetDashboardAsync(Me, new DashboardPreferences(scope, DashboardPeriod.Default));
        var host = Render<TabHost>(p => p.AddChildContent<DashboardPage>());

        host.WaitForElement("[data-testid=goal-add]").Click();

        host.WaitForAssertion(() => Assert.Equal(kind, host.Find("[data-testid=goal-dialog] [data-testid=goal-subject-kind]").TextContent.Trim()));
    }

    /// <summary>Picks what the new goal is about in the dialog's first select.</summary>
    private static void ChooseKind(IRenderedComponent<TabHost> host, string kind)
    {
        host.WaitForElement("[data-testid=goal-dialog] [data-testid=goal-subject-kind]");
        KindControl(host).MouseDown();
        host.WaitForElements(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == kind).Click();
    }

    private static AngleSharp.Dom.IElement KindControl(IRenderedComponent<TabHost> host)
    {
        var hook = host.Find("[data-testid=goal-dialog] [data-testid=goal-subject-kind]");
        return hook.ClassList.Contains("mud-input-control") ? hook
            : hook.QuerySelector(".mud-input-control") ?? hook.Closest(".mud-input-control") ?? hook;
    }

    private static AngleSharp.Dom.IElement SubjectControl(IRenderedComponent<TabHost> host)
    {
        var hook = host.Find("[data-testid=goal-dialog] [data-testid=goal-subject]");
        return hook.ClassList.Contains("mud-input-control") ? hook
            : hook.QuerySelector(".mud-input-control") ?? hook.Closest(".mud-input-control") ?? hook;
    }
}
