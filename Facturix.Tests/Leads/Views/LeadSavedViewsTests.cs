using Bunit;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads.Views;

/// <summary>The saved views chips (backlog 2.3.1, 2.3.2) rendered over an in-memory service.</summary>
public sealed class LeadSavedViewsTests : ShellTestContext
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private readonly FakeSavedViews _views;

    public LeadSavedViewsTests() : this(new FakeSavedViews()) { }

    private LeadSavedViewsTests(FakeSavedViews views) : base(services => services.AddSingleton<ISavedViewService>(views)) =>
        _views = views;

    private static readonly LeadViewDefinition Hot =
        new(new LeadListQuery(CampaignId: CampaignId, ScoreMin: 60), LeadListQuery.Sort.Score, true, [LeadColumns.Name, LeadColumns.Score]);

    private IRenderedComponent<SavedViewsHost> RenderChips(LeadViewDefinition? view = null) =>
        Render<SavedViewsHost>(p => p.Add(h => h.View, view ?? LeadViewDefinition.Default));

    [Fact]
    public void Chips_list_mine_and_the_team_s_and_applying_one_hands_over_its_whole_definition()
    {
        SignIn(Roles.BusinessDeveloper);
        var mine = _views.Add("Mes chauds", Hot, mine: true);
        _views.Add("Relances équipe", LeadViewDefinition.Default with { Mode = LeadViewMode.Board }, shared: true);
        var host = RenderChips();

        var chips = host.WaitForElements("[data-testid=saved-view-select] [data-testid=saved-view-chip]");
        Assert.Equal([("Mes chauds", "false"), ("Relances équipe", "true")],
            chips.Select(c => (c.TextContent.Trim(), c.GetAttribute("data-shared"))));

        chips[0].Click();

        var applied = Assert.Single(host.Instance.Received);
        Assert.Same(Hot, applied);
        host.WaitForAssertion(() => Assert.Equal(mine.ToString(),
            host.Find("[data-testid=saved-view-chip][data-active=true]").GetAttribute("data-view-id")));
        // A BD cannot share, so no campaign default action even with a campaign filter on.
        Assert.Empty(host.FindAll("[data-testid=saved-view-preset]"));
        Assert.NotEmpty(host.FindAll("[data-testid=saved-view-delete]"));
    }

    [Fact]
    public void Saving_captures_the_screen_and_only_those_who_may_share_see_the_switch()
    {
        SignIn(Roles.BusinessDeveloper);
        var host = RenderChips(Hot);

        host.WaitForElement("[data-testid=saved-view-save]").Click();
        host.WaitForElement("[data-testid=saved-view-dialog]");
        Assert.Empty(host.FindAll("[data-testid=saved-view-share]"));
        host.Find("[data-testid=saved-view-name]").Change("  Mes chauds ");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Single(_views.Saved));
        var (name, shared, definition) = _views.Saved.Single();
        Assert.Equal(("  Mes chauds ", false), (name, shared));
        Assert.True(LeadViewJson.SameScreen(Hot, definition));
        host.WaitForAssertion(() => Assert.Equal("true",
            host.Find("[data-testid=saved-view-chip]").GetAttribute("data-active")));
    }

    [Fact]
    public void A_taken_name_stays_typed_with_the_reason_on_the_field()
    {
        SignIn(Roles.Manager);
        _views.Add("Chauds", Hot, mine: true);
        var host = RenderChips(Hot);

        host.WaitForElement("[data-testid=saved-view-save]").Click();
        host.WaitForElement("[data-testid=saved-view-share]");
        host.Find("[data-testid=saved-view-name]").Change("Chauds");
        host.Find("form").Submit();

        host.WaitForAssertion(() => Assert.Equal("Vous avez déjà une vue portant ce nom.",
            host.Find("[data-testid=field-error][data-field=Name]").TextContent.Trim()));
        Assert.Equal("Chauds", host.Find("[data-testid=saved-view-name]").GetAttribute("value"));
    }

    [Fact]
    public void A_manager_makes_the_current_shared_view_the_campaign_default_and_can_take_it_back()
    {
        SignIn(Roles.Manager);
        var shared = _views.Add("Équipe", Hot, mine: true, shared: true);
        var host = RenderChips(Hot);

        host.WaitForElement("[data-testid=saved-view-chip]").Click();
        host.WaitForElement("[data-testid=saved-view-preset]").Click();

        host.WaitForAssertion(() => Assert.Equal(shared, _views.Presets[CampaignId]));
        host.WaitForAssertion(() => Assert.Equal("true", host.Find("[data-testid=saved-view-chip]").GetAttribute("data-preset")));
        Assert.Equal("true", host.Find("[data-testid=saved-view-preset]").GetAttribute("aria-pressed"));

        host.Find("[data-testid=saved-view-preset]").Click();
        host.WaitForAssertion(() => Assert.False(_views.Presets.ContainsKey(CampaignId)));
    }

    [Fact]
    public void Deleting_asks_first()
    {
        SignIn(Roles.BusinessDeveloper);
        var mine = _views.Add("Perso", Hot, mine: true);
        var host = RenderChips(Hot);
        host.WaitForElement("[data-testid=saved-view-chip]").Click();

        host.WaitForElement("[data-testid=saved-view-delete]").Click();
        host.WaitForElement("[data-testid=confirm-cancel]").Click();
        Assert.Empty(_views.Deleted);
        host.WaitForElement("[data-testid=saved-view-delete]").Click();
        host.WaitForElement("[data-testid=confirm-ok]").Click();

        host.WaitForAssertion(() => Assert.Equal([mine], _views.Deleted));
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=saved-view-chip]")));
    }

    [Fact]
    public void Overwriting_a_shared_view_asks_first()
    {
        SignIn(Roles.Manager);
        _views.Add("Relances équipe", LeadViewDefinition.Default, mine: true, shared: true);
        var host = RenderChips();
        host.WaitForElement("[data-testid=saved-view-chip]").Click();
        host.Render(p => p.Add(h => h.View, Hot)); // the screen moved away from the view

        host.WaitForElement("[data-testid=saved-view-update]").Click();
        Assert.Contains("toute l'équipe", host.WaitForElement("[data-testid=confirm-dialog]").TextContent);
        host.Find("[data-testid=confirm-cancel]").Click();
        Assert.Empty(_views.Saved);

        host.WaitForElement("[data-testid=saved-view-update]").Click();
        host.WaitForElement("[data-testid=confirm-ok]").Click();
        host.WaitForAssertion(() => Assert.Equal([("Relances équipe", true, Hot)], _views.Saved));
    }

    /// <summary>In memory: the names and sharing rules that matter to the chips (the real ones are tested against PostgreSQL).</summary>
    private sealed class FakeSavedViews : ISavedViewService
    {
        private readonly List<SavedViewRow> _rows = [];
        public List<(string Name, bool Shared, LeadViewDefinition Definition)> Saved { get; } = [];
        public List<Guid> Deleted { get; } = [];
        public Dictionary<Guid, Guid> Presets { get; } = [];

        public Guid Add(string name, LeadViewDefinition definition, bool mine = false, bool shared = false)
        {
            var id = Guid.NewGuid();
            lock (_rows) _rows.Add(new(id, name, shared, mine, mine ? "Camille Martin" : "Léa Manager", definition, DateTimeOffset.UtcNow));
            return id;
        }

        public Task<IReadOnlyList<SavedViewRow>> ListAsync(Actor actor, CancellationToken ct = default)
        {
            lock (_rows) return Task.FromResult<IReadOnlyList<SavedViewRow>>(_rows.ToList());
        }

        public Task<Guid> SaveAsync(Actor actor, Guid? viewId, SavedViewInput input, CancellationToken ct = default)
        {
            lock (_rows)
            {
                if (_rows.Any(r => r.IsMine && r.Name == input.Name.Trim() && r.Id != viewId))
                    throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Name", "taken")
                        { ErrorCode = ErrorCodes.SavedViewNameTaken }]);
                Saved.Add((input.Name, input.IsShared, input.Definition));
                var id = viewId ?? Guid.NewGuid();
                _rows.RemoveAll(r => r.Id == id);
                _rows.Add(new(id, input.Name.Trim(), input.IsShared, true, actor.DisplayName, input.Definition, DateTimeOffset.UtcNow));
                return Task.FromResult(id);
            }
        }

        public Task DeleteAsync(Actor actor, Guid viewId, CancellationToken ct = default)
        {
            lock (_rows) _rows.RemoveAll(r => r.Id == viewId);
            Deleted.Add(viewId);
            return Task.CompletedTask;
        }

        public Task SetCampaignPresetAsync(Actor actor, Guid campaignId, Guid? viewId, CancellationToken ct = default)
        {
            if (viewId is { } id) Presets[campaignId] = id;
            else Presets.Remove(campaignId);
            return Task.CompletedTask;
        }

        public Task<SavedViewRow?> GetCampaignPresetAsync(Actor actor, Guid campaignId, CancellationToken ct = default)
        {
            lock (_rows)
                return Task.FromResult(Presets.TryGetValue(campaignId, out var id) ? _rows.FirstOrDefault(r => r.Id == id) : null);
        }
    }
}
