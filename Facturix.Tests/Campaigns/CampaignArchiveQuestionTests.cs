using Bunit;
using Facturix.App.Campaigns.Detail;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// Archiving and completing stop the campaign's running imports (decisions 0086, 0092): the question says so, counting them when it is asked
/// (an import started after the page loaded counts too), and says nothing of imports when none runs.
/// </summary>
public sealed class CampaignArchiveQuestionTests : ShellTestContext
{
    private readonly CountingCampaigns _campaigns;

    public CampaignArchiveQuestionTests() : this(new CountingCampaigns()) { }

    private CampaignArchiveQuestionTests(CountingCampaigns campaigns) : base(services => services.AddSingleton<ICampaignService>(campaigns))
    {
        _campaigns = campaigns;
        SignIn(Roles.Admin, "admin@facturix.local");
    }

    [Theory]
    [InlineData(CampaignState.Archived, "fr", 0, null)]
    [InlineData(CampaignState.Archived, "fr", 1, "Un import est en cours dans cette campagne\u00A0: il sera arrêté")]
    [InlineData(CampaignState.Archived, "fr", 2, "2 imports sont en cours dans cette campagne\u00A0: ils seront arrêtés")]
    [InlineData(CampaignState.Archived, "en", 1, "An import is running in this campaign: it will be stopped")]
    [InlineData(CampaignState.Completed, "fr", 0, null)]
    [InlineData(CampaignState.Completed, "fr", 1, "Un import est en cours dans cette campagne\u00A0: il sera arrêté")]
    [InlineData(CampaignState.Completed, "en", 2, "2 imports are running in this campaign: they will be stopped")]
    public void The_closing_question_warns_of_the_imports_it_stops(CampaignState target, string culture, int running, string? warning)
    {
        UseCulture(culture);
        _campaigns.Running = running;
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        // The page loaded before the imports started: its details say none. Only an active campaign is completed.
        var shown = CountingCampaigns.Details(0) with { State = target == CampaignState.Completed ? CampaignState.Active : CampaignState.Completed };
        var actions = Render<CampaignStateActions>(p => p.Add(a => a.Campaign, shown));

        actions.Find(target == CampaignState.Completed ? "[data-testid=campaign-complete]" : "[data-testid=campaign-archive]").Click();

        var question = dialogs.WaitForElement("[data-testid=confirm-dialog]").TextContent;
        if (warning is null) Assert.DoesNotContain("import", question, StringComparison.OrdinalIgnoreCase);
        else Assert.Contains(warning, question);
        dialogs.Find("[data-testid=confirm-ok]").Click();
        actions.WaitForAssertion(() => Assert.Equal([target], _campaigns.Moves));
    }

    private sealed class CountingCampaigns : CampaignServiceDouble
    {
        private static readonly Guid Id = Guid.NewGuid();
        public int Running { get; set; }
        public List<CampaignState> Moves { get; } = [];

        public static CampaignDetails Details(int running) => new(
            Id, Guid.NewGuid(), "Logivia", "Transporteurs", null, null, null, CampaignState.Completed, null, null,
            new TimeOnly(9, 0), new TimeOnly(18, 0), "Europe/Paris", 15, 6, 240, 7,
            Enum.GetValues<StatusCategory>().ToDictionary(c => c, _ => 0), true, ImportsInProgress: running);

        public override Task<CampaignDetails> GetAsync(Actor actor, Guid campaignId, CancellationToken ct = default) => Task.FromResult(Details(Running));

        public override Task ChangeStateAsync(Actor actor, Guid campaignId, CampaignState target, uint expectedVersion, CancellationToken ct = default)
        {
            Moves.Add(target);
            return Task.CompletedTask;
        }
    }
}
