using Bunit;
using Facturix.App.Leads.Board;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Leads;

/// <summary>The card view rendered alone over a scripted <see cref="ILeadBoard"/>: columns, ordering, counts, moves.</summary>
public sealed class LeadsBoardComponentTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private static readonly Guid New = Guid.NewGuid(), Calling = Guid.NewGuid(), Won = Guid.NewGuid();
    private readonly ScriptedBoard _board;
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>? _host;

    public LeadsBoardComponentTests() : this(new ScriptedBoard()) { }

    private LeadsBoardComponentTests(ScriptedBoard board) : base(services => services.AddSingleton<ILeadBoard>(board))
    {
        _board = board;
        SignIn(Roles.BusinessDeveloper);
    }

    private static LeadBoardCard Card(Guid status, string last, int score, uint version = 1) =>
        new(Guid.NewGuid(), status, "Camille", last, $"Société {last}", score, "Léa Bernard", version);

    private static LeadBoardData Data(params LeadBoardCard[] cards) => new(CampaignId,
    [
        new(New, "nouveau", "Nouveau", LeadStatus.New, null, cards.Count(c => c.StatusId == New), cards.Where(c => c.StatusId == New).ToList()),
        new(Calling, "en-cours", "En cours", LeadStatus.Attempted, "#3B82F6", 120, cards.Where(c => c.StatusId == Calling).ToList()),
        new(Won, "gagne", "Gagné", LeadStatus.Converted, null, cards.Count(c => c.StatusId == Won), cards.Where(c => c.StatusId == Won).ToList()),
    ], 0);

    private IRenderedComponent<LeadsBoard> RenderBoard(LeadListQuery? query = null, Action<Guid>? showInTable = null)
    {
        var host = _host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<LeadsBoard>(2);
            builder.AddAttribute(3, nameof(LeadsBoard.CampaignId), CampaignId);
            builder.AddAttribute(4, nameof(LeadsBoard.Query), query ?? new LeadListQuery(CampaignId: CampaignId));
            builder.AddAttribute(5, nameof(LeadsBoard.ShowInTable),
                Microsoft.AspNetCore.Components.EventCallback.Factory.Create<Guid>(this, id => showInTable?.Invoke(id)));
            builder.CloseComponent();
        });
        return host.FindComponent<LeadsBoard>();
    }

    private static string[] CardsIn(IRenderedComponent<LeadsBoard> board, Guid status) =>
        board.FindAll($"[data-testid=board-column][data-status-id='{status}'] [data-testid=lead-card]")
            .Select(c => c.QuerySelector("[data-testid=lead-card-name]")!.TextContent.Trim()).ToArray();

    [Fact]
    public void One_column_per_status_in_the_campaign_order_with_counts_and_cards_in_the_service_order()
    {
        var hot = Card(Calling, "Haut", 80);
        var cold = Card(Calling, "Bas", 10);
        _board.Data = Data(Card(New, "Neuf", 0), hot, cold);

        Guid? shown = null;
        var board = RenderBoard(showInTable: id => shown = id);

        board.WaitForAssertion(() => Assert.Equal(["nouveau", "en-cours", "gagne"],
            board.FindAll("[data-testid=board-column]").Select(c => c.GetAttribute("data-status-key"))));
        Assert.Equal(["1", "120", "0"], board.FindAll("[data-testid=board-column]").Select(c => c.GetAttribute("data-count")));
        Assert.Equal(["Camille Haut", "Camille Bas"], CardsIn(board, Calling));
        var card = board.Find($"[data-testid=lead-card][data-lead-id='{hot.Id}']");
        Assert.Equal(Calling.ToString(), card.GetAttribute("data-status-id"));
        Assert.Contains("80", card.QuerySelector("[data-testid=lead-card-score]")!.TextContent);
        Assert.Contains("Léa Bernard", card.TextContent);
        // 120 leads, two cards: "more" leads to the table filtered by that status; the others have no "more".
        var more = Assert.Single(board.FindAll("[data-testid=board-column-more]"));
        more.Click();
        Assert.Equal(Calling, shown);
    }

    [Fact]
    public void The_board_reloads_when_its_query_changes()
    {
        _board.Data = Data(Card(New, "Neuf", 0));
        var board = RenderBoard();
        board.WaitForAssertion(() => Assert.Equal(1, _board.Reads));

        board.Render(p => p.Add(b => b.Query, new LeadListQuery(CampaignId: CampaignId, ScoreMin: 50)));

        board.WaitForAssertion(() => Assert.Equal(2, _board.Reads));
        Assert.Equal(50, _board.LastQuery!.ScoreMin);
    }

    [Fact]
    public void Moving_with_the_keyboard_menu_sends_the_card_version_and_moves_the_card()
    {
        var lead = Card(New, "Neuf", 0, version: 42);
        _board.Data = Data(lead);
        _board.OnMove = (id, status, version) => _board.Data = Data(lead with { StatusId = status, Version = version + 1 });
        var board = RenderBoard();

        board.WaitForElement("[data-testid=lead-card-move] button").Click();
        FindMenuItem(Won).Click();

        board.WaitForAssertion(() => Assert.Equal(["Camille Neuf"], CardsIn(board, Won)));
        Assert.Equal((lead.Id, Won, 42u), _board.Moves.Single());
        Assert.Empty(CardsIn(board, New));
    }

    [Fact]
    public void A_conflict_puts_the_card_back_and_says_why()
    {
        var lead = Card(New, "Neuf", 0);
        _board.Data = Data(lead);
        _board.OnMove = (_, _, _) => throw ConflictException.Concurrency("lead", lead.Id);
        var board = RenderBoard();

        board.WaitForElement("[data-testid=lead-card-move] button").Click();
        FindMenuItem(Won).Click();

        board.WaitForAssertion(() => Assert.Equal(["Camille Neuf"], CardsIn(board, New)));
        Assert.Empty(CardsIn(board, Won));
        Assert.Equal("warning", FindToast().GetAttribute("data-severity"));
    }

    [Fact]
    public void A_campaign_without_statuses_says_so_with_one_way_to_define_them()
    {
        _board.Data = LeadBoardData.Empty(CampaignId);

        var board = RenderBoard();

        board.WaitForElement("[data-testid=board-empty]");
        Assert.Empty(board.FindAll("[data-testid=board-column]"));
    }

    [Fact]
    public void The_toggle_needs_one_campaign_for_cards()
    {
        LeadViewMode? chosen = null;
        var toggle = Render<LeadViewToggle>(p => p.Add(t => t.Mode, LeadViewMode.Table).Add(t => t.CampaignId, (Guid?)null)
            .Add(t => t.ModeChanged, m => chosen = m));

        Assert.True(toggle.Find("[data-testid=view-toggle-cards]").HasAttribute("disabled"));
        Assert.Equal("true", toggle.Find("[data-testid=view-toggle-table]").GetAttribute("aria-pressed"));
        Assert.NotNull(toggle.Find("[data-testid=view-toggle-hint]"));

        toggle.Render(p => p.Add(t => t.CampaignId, CampaignId));
        toggle.Find("[data-testid=view-toggle-cards]").Click();
        Assert.Equal(LeadViewMode.Board, chosen);
        Assert.Empty(toggle.FindAll("[data-testid=view-toggle-hint]"));

        // A saved "cards" view opened without a campaign shows (and says) the table.
        toggle.Render(p => p.Add(t => t.Mode, LeadViewMode.Board).Add(t => t.CampaignId, (Guid?)null));
        Assert.Equal("table", toggle.Find("[data-testid=view-toggle]").GetAttribute("data-mode"));
        Assert.Equal("false", toggle.Find("[data-testid=view-toggle-cards]").GetAttribute("aria-pressed"));
    }

    private AngleSharp.Dom.IElement FindMenuItem(Guid status) =>
        _host!.WaitForElement($"[data-testid=lead-card-move-to][data-status-id='{status}']");

    private AngleSharp.Dom.IElement FindToast() =>
        _host!.WaitForElement("[data-testid=toast]");

    private sealed class ScriptedBoard : ILeadBoard
    {
        public LeadBoardData Data { get; set; } = LeadBoardData.Empty(CampaignId);
        public int Reads { get; private set; }
        public LeadListQuery? LastQuery { get; private set; }
        public List<(Guid, Guid, uint)> Moves { get; } = [];
        public Action<Guid, Guid, uint>? OnMove { get; set; }

        public Task<LeadBoardData> GetAsync(Actor actor, LeadListQuery query, int cardsPerColumn = LeadBoardData.DefaultCardsPerColumn, CancellationToken ct = default)
        {
            Reads++;
            LastQuery = query;
            return Task.FromResult(Data);
        }

        public Task<uint> MoveAsync(Actor actor, Guid leadId, Guid toStatusId, uint expectedVersion, CancellationToken ct = default)
        {
            Moves.Add((leadId, toStatusId, expectedVersion));
            OnMove?.Invoke(leadId, toStatusId, expectedVersion);
            return Task.FromResult(expectedVersion + 1);
        }
    }
}
