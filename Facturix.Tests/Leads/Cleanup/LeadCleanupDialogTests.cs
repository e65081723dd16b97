using Bunit;
using Facturix.App.Leads.Cleanup;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Users;
using Facturix.Tests.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads.Cleanup;

/// <summary>The clean-up button and dialog over a service double: what is sent, what is shown, undo.</summary>
public sealed class LeadCleanupDialogTests() : ShellTestContext(services => services
    .AddSingleton<ILeadCleanupService>(new FakeCleanup()))
{
    private static readonly Guid LeadA = Guid.NewGuid();
    private static readonly Guid LeadB = Guid.NewGuid();
    private FakeCleanup Fake => (FakeCleanup)Services.GetRequiredService<ILeadCleanupService>();

    private IRenderedComponent<TabHost> RenderButton(IReadOnlySet<Guid> selected, LeadListQuery query) =>
        Render<TabHost>(p => p.AddChildContent<LeadCleanupButton>(b => b.Add(x => x.SelectedIds, selected).Add(x => x.Query, query)));

    [Fact]
    public void Ticked_rows_are_previewed_per_helper_applied_with_the_chosen_helpers_and_undone_from_the_toast()
    {
        SignIn(Roles.Manager);
        var host = RenderButton(new HashSet<Guid> { LeadA, LeadB }, LeadListQuery.Empty);

        host.Find("[data-testid=cleanup-open]").Click();
        host.WaitForAssertion(() => Assert.Equal(4, host.FindAll("[data-testid=cleanup-preview-row]").Count));
        Assert.Equal(["phone", "country", "first-name", "email"],
            host.FindAll("[data-testid=cleanup-preview-row]").Select(r => r.GetAttribute("data-field")));
        Assert.Equal("4", host.Find("[data-testid=cleanup-total]").GetAttribute("data-value"));

        host.Find("[data-testid=cleanup-option][data-option=phones] input").Change(false);

        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll("[data-testid=cleanup-preview-row]").Count));
        Assert.DoesNotContain(host.FindAll("[data-testid=cleanup-preview-row]"), r => r.GetAttribute("data-field") == "phone");
        Assert.DoesNotContain(CleanupHelper.Phones, Fake.LastPreviewOptions!.Helpers);
        host.Find("[data-testid=cleanup-apply]").Click();

        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=cleanup-undo]")));
        var (selection, options) = Assert.Single(Fake.Applied);
        Assert.Equal(new[] { LeadA, LeadB }.Order(), selection.Ids!.Order());
        Assert.Equal(new[] { CleanupHelper.Countries, CleanupHelper.Names, CleanupHelper.Emails }.Order(), options.Helpers.Order());
        Assert.Empty(host.FindAll("[data-testid=cleanup-dialog]"));
        Assert.Contains(host.FindAll("[data-testid=toast]"), t => t.GetAttribute("data-severity") == "success");

        host.Find("[data-testid=cleanup-undo]").Click();

        host.WaitForAssertion(() => Assert.Equal([FakeCleanup.BatchId], Fake.Undone));
        host.WaitForAssertion(() => Assert.Contains(host.FindAll("[data-testid=toast]"), t => t.TextContent.Contains("annulé")));
    }

    [Fact]
    public void Without_ticked_rows_nor_a_campaign_filter_it_says_so_instead_of_opening()
    {
        SignIn(Roles.Manager);
        var host = RenderButton(new HashSet<Guid>(), LeadListQuery.Empty);

        host.Find("[data-testid=cleanup-open]").Click();

        host.WaitForAssertion(() => Assert.Contains(host.FindAll("[data-testid=toast]"), t => t.GetAttribute("data-severity") == "info"));
        Assert.Empty(host.FindAll("[data-testid=cleanup-dialog]"));
        Assert.Null(Fake.LastPreviewSelection);
    }

    [Fact]
    public void Without_ticked_rows_the_whole_filtered_campaign_is_cleaned()
    {
        SignIn(Roles.Manager);
        var campaignQuery = LeadListQuery.Empty with { CampaignId = Guid.NewGuid(), Country = "FR" };

        var withCampaign = RenderButton(new HashSet<Guid>(), campaignQuery);
        Assert.Equal("campaign", withCampaign.Find("[data-testid=cleanup-open]").GetAttribute("data-scope"));
        withCampaign.Find("[data-testid=cleanup-open]").Click();
        withCampaign.WaitForAssertion(() => Assert.NotEmpty(withCampaign.FindAll("[data-testid=cleanup-preview-row]")));
        Assert.Equal(campaignQuery, Fake.LastPreviewSelection!.Matching);
    }

    [Fact]
    public void Nothing_to_fix_disables_apply()
    {
        SignIn(Roles.Manager);
        Fake.NothingToFix = true;
        var host = RenderButton(new HashSet<Guid> { LeadA }, LeadListQuery.Empty);

        host.Find("[data-testid=cleanup-open]").Click();

        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=cleanup-nothing]")));
        Assert.True(host.Find("[data-testid=cleanup-apply]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_recent_clean_up_can_be_undone_from_the_dialog()
    {
        SignIn(Roles.Manager);
        Fake.Recent.Add(new LeadCleanupBatchSummary(FakeCleanup.BatchId, DateTimeOffset.UtcNow, 2, 5, null));
        var host = RenderButton(new HashSet<Guid> { LeadA }, LeadListQuery.Empty);

        host.Find("[data-testid=cleanup-open]").Click();
        host.WaitForElement("[data-testid=cleanup-recent-undo]").Click();

        host.WaitForAssertion(() => Assert.Equal([FakeCleanup.BatchId], Fake.Undone));
        host.WaitForAssertion(() => Assert.Equal("true",
            host.Find("[data-testid=cleanup-recent-row]").GetAttribute("data-undone")));
    }

    [Fact]
    public void People_without_the_bulk_capability_see_no_button()
    {
        SignIn(Roles.BusinessDeveloper);

        var host = RenderButton(new HashSet<Guid> { LeadA }, LeadListQuery.Empty);

        Assert.Empty(host.FindAll("[data-testid=cleanup-open]"));
    }

    private sealed class FakeCleanup : ILeadCleanupService
    {
        public static readonly Guid BatchId = Guid.NewGuid();
        public LeadSelection? LastPreviewSelection;
        public LeadCleanupOptions? LastPreviewOptions;
        public bool NothingToFix;
        public List<(LeadSelection, LeadCleanupOptions)> Applied { get; } = [];
        public List<Guid> Undone { get; } = [];
        public List<LeadCleanupBatchSummary> Recent { get; } = [];

        public Task<LeadCleanupPreviewResult> PreviewAsync(Actor actor, LeadSelection selection, LeadCleanupOptions options, CancellationToken ct = default)
        {
            (LastPreviewSelection, LastPreviewOptions) = (selection, options);
            var changes = NothingToFix ? [] : new List<LeadFieldChange>
            {
                new(LeadA, "Jean Dupont (Acme)", LeadField.Phone, "06 12 34 56 78", "+33612345678"),
                new(LeadA, "Jean Dupont (Acme)", LeadField.Country, "fr", "FR"),
                new(LeadA, "Jean Dupont (Acme)", LeadField.FirstName, " jean", "Jean"),
                new(LeadB, "Ana Roux (Beta)", LeadField.Email, "ANA@BETA.FR", "ana@beta.fr"),
            }.Where(c => options.Fields.Contains(c.Field)).ToList();
            return Task.FromResult(new LeadCleanupPreviewResult(changes,
                changes.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.Count()), new Dictionary<LeadField, int>(), 2,
                changes.Select(c => c.LeadId).Distinct().Count()));
        }

        public Task<LeadCleanupApplied> ApplyAsync(Actor actor, LeadSelection selection, LeadCleanupOptions options,
            IProgress<LeadCleanupProgress>? progress = null, CancellationToken ct = default)
        {
            Applied.Add((selection, options));
            progress?.Report(new(2, 2));
            return Task.FromResult(new LeadCleanupApplied(BatchId, 2, new Dictionary<LeadField, int> { [LeadField.Email] = 3 }));
        }

        public Task<LeadCleanupUndone> UndoAsync(Actor actor, Guid batchId, CancellationToken ct = default)
        {
            Undone.Add(batchId);
            var i = Recent.FindIndex(b => b.Id == batchId);
            if (i >= 0) Recent[i] = Recent[i] with { UndoneAt = DateTimeOffset.UtcNow };
            return Task.FromResult(new LeadCleanupUndone(3, 0));
        }

        public Task<IReadOnlyList<LeadCleanupBatchSummary>> ListRecentAsync(Actor actor, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<LeadCleanupBatchSummary>>(Recent.ToList());
    }
}
