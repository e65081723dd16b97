using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Facturix.Tests.Leads;

/// <summary>
/// The lead page's status chip: the campaign's statuses for those who may edit, a move with the page's row version, a
/// refusal said and the page read again; a plain chip otherwise.
/// </summary>
public sealed class LeadStatusMenuTests : ShellTestContext
{
    private static readonly Guid New = Guid.NewGuid(), Meeting = Guid.NewGuid();
    private readonly LeadBoardMoves _board;
    private IRenderedComponent<IComponent>? _host;

    public LeadStatusMenuTests() : this(new LeadBoardMoves()) { }

    private LeadStatusMenuTests(LeadBoardMoves board) : base(services => services.AddSingleton<ILeadBoard>(board))
    {
        _board = board;
        SignIn(Roles.BusinessDeveloper);
    }

    private static LeadDetails Lead(bool withStatuses = true) => new(
        Guid.NewGuid(), "Camille", "Martin", null, "Acme", null, null, "FR", null,
        LeadStatus.New, "Nouveau", StatusCategory.New, null, null, null, Guid.NewGuid(), "Printemps", Guid.NewGuid(), "Client",
        null, 7, [], new LeadScore(0, 0, []))
    {
        CampaignStatusId = withStatuses ? New : null,
        CampaignStatuses = withStatuses
            ? [new LeadFilterStatus(New, "Nouveau", LeadStatus.New, StatusCategory.New),
               new LeadFilterStatus(Meeting, "RDV pris", LeadStatus.MeetingBooked, StatusCategory.InProgress)]
            : [],
    };

    private IRenderedComponent<LeadStatusMenu> RenderMenu(LeadDetails lead, bool canEdit, Action changed)
    {
        _host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<LeadStatusMenu>(2);
            builder.AddAttribute(3, nameof(LeadStatusMenu.Lead), lead);
            builder.AddAttribute(4, nameof(LeadStatusMenu.CanEdit), canEdit);
            builder.AddAttribute(5, nameof(LeadStatusMenu.Changed), EventCallback.Factory.Create(this, changed));
            builder.CloseComponent();
        });
        return _host.FindComponent<LeadStatusMenu>();
    }

    [Fact]
    public void Choosing_another_campaign_status_moves_the_lead_with_the_version_shown_and_reloads_the_page()
    {
        var lead = Lead();
        var reloads = 0;
        var menu = RenderMenu(lead, canEdit: true, () => reloads++);

        Assert.NotNull(menu.Find("[data-testid=lead-status-menu]"));
        menu.Find("[data-testid=lead-status]").Click();
        var options = _host!.WaitForElements("[data-testid=lead-status-option]");
        Assert.Equal([New.ToString(), Meeting.ToString()], options.Select(o => o.GetAttribute("data-status-id")));
        Assert.Equal(["true", "false"], options.Select(o => o.GetAttribute("data-current")));
        options[1].Click();

        menu.WaitForAssertion(() => Assert.Equal(1, reloads));
        Assert.Equal([(lead.Id, Meeting, 7u)], _board.Moves);
    }

    [Fact]
    public void A_lead_changed_meanwhile_is_a_conflict_said_in_a_toast_and_the_page_reads_it_again()
    {
        _board.Refusal = ConflictException.Concurrency("lead", Guid.Empty);
        var reloads = 0;
        var menu = RenderMenu(Lead(), canEdit: true, () => reloads++);

        menu.Find("[data-testid=lead-status]").Click();
        _host!.WaitForElement($"[data-testid=lead-status-option][data-status-id='{Meeting}']").Click();

        Assert.Equal("warning", _host!.WaitForElement("[data-testid=toast]").GetAttribute("data-severity"));
        menu.WaitForAssertion(() => Assert.Equal(1, reloads));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Without_the_right_to_edit_or_campaign_statuses_the_chip_is_only_a_label(bool canEdit, bool withStatuses)
    {
        var menu = RenderMenu(Lead(withStatuses), canEdit, () => { });

        Assert.Empty(menu.FindAll("[data-testid=lead-status-menu]"));
        Assert.Equal("Nouveau", menu.Find("[data-testid=lead-status]").TextContent.Trim());
        Assert.Empty(_host!.FindAll("[data-testid=lead-status-option]"));
    }
}

/// <summary>An <see cref="ILeadBoard"/> that records moves (the lead page's status chip) and can refuse them.</summary>
internal sealed class LeadBoardMoves : ILeadBoard
{
    public List<(Guid, Guid, uint)> Moves { get; } = [];
    public Exception? Refusal { get; set; }

    public Task<LeadBoardData> GetAsync(Actor actor, LeadListQuery query, int cardsPerColumn = LeadBoardData.DefaultCardsPerColumn, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<uint> MoveAsync(Actor actor, Guid leadId, Guid toStatusId, uint expectedVersion, CancellationToken ct = default)
    {
        if (Refusal is { } refusal) throw refusal;
        Moves.Add((leadId, toStatusId, expectedVersion));
        return Task.FromResult(expectedVersion + 1);
    }
}
