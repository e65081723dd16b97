using Bunit;
using Facturix.App.Leads;
using Facturix.App.Leads.Bulk;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Leads;

/// <summary>
/// The leads list's live refresh, with the bus and the services played in memory: which events re-read the rows, which
/// the filter choices too (they scan the countries of every lead in scope), and which nothing.
/// </summary>
public sealed class LeadsPageLiveTests : ShellTestContext
{
    private static readonly Guid Shown = Guid.NewGuid(), Other = Guid.NewGuid(), Account = Guid.NewGuid();
    private readonly CountingQueries _queries;
    private readonly FakeTimeProvider _clock;
    private readonly InMemoryLiveEvents _bus;
    private readonly NoSavedViews _views;

    public LeadsPageLiveTests() : this(new CountingQueries(), new FakeTimeProvider(DateTimeOffset.UtcNow), new InMemoryLiveEvents(), new NoSavedViews()) { }

    private LeadsPageLiveTests(CountingQueries queries, FakeTimeProvider clock, InMemoryLiveEvents bus, NoSavedViews views) : base(services =>
    {
        services.AddSingleton<ILeadQueries>(queries);
        services.AddSingleton<ISavedViewService>(views);
        services.AddSingleton<ILeadBulkService>(new UnusedBulk());
        services.AddSingleton<ILeadCleanupService>(new UnusedCleanup());
        services.AddSingleton(new LeadExportTokens(clock));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILiveEvents>(bus);
    })
    {
        (_queries, _clock, _bus, _views) = (queries, clock, bus, views);
        SignIn(Roles.BusinessDeveloper, scope: new ScopeSnapshot(false, new HashSet<Guid> { Account }, new HashSet<Guid> { Shown, Other }));
    }

    [Fact]
    public async Task A_lead_changed_rereads_the_rows_only_and_only_in_the_campaign_filtered_on_imports_and_campaigns_reread_the_choices()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads?campaign={Shown}");
        var page = Render<LeadsPage>();
        page.WaitForAssertion(() => Assert.True(_queries.Lists > 0 && _queries.Options > 0));
        var (lists, options) = (_queries.Lists, _queries.Options);

        // Another campaign's lead (the BD's own, in scope): not on this list.
        await _bus.RaiseAsync(new LeadUpdated(Guid.NewGuid(), Other));
        await _bus.RaiseAsync(new LeadsChanged([Other]));
        Assert.Equal((lists, options), (_queries.Lists, _queries.Options));

        // A lead of the campaign shown: its page of rows again, not the filter choices.
        await _bus.RaiseAsync(new LeadUpdated(Guid.NewGuid(), Shown));
        page.WaitForAssertion(() => Assert.Equal(lists + 1, _queries.Lists));
        Assert.Equal(options, _queries.Options);

        // Its statuses edited: the status choices come from the campaign.
        await _bus.RaiseAsync(new CampaignChanged(Shown, Account));
        page.WaitForAssertion(() => Assert.Equal(options + 1, _queries.Options));

        // Leads imported into it: choices and rows.
        _clock.Advance(TimeSpan.FromSeconds(1)); // past the live refresh's interval
        await _bus.RaiseAsync(new LeadsImported(Shown, 500));
        page.WaitForAssertion(() => Assert.Equal(options + 2, _queries.Options));
    }

    [Fact]
    public void An_import_link_narrows_the_list_to_that_import_and_names_it()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads?campaign={Shown}&import={KnownImport}");
        var page = Render<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal(new LeadListQuery(CampaignId: Shown, ImportId: KnownImport), _queries.LastQuery));
        page.WaitForAssertion(() => Assert.Contains("printemps.csv", page.Find("[data-testid=lead-filter-import]").TextContent));
    }

    [Fact]
    public void A_search_link_opens_the_list_searched_for_its_words()
    {
        // The global search's "see all the leads" link (/leads?q=): the box holds the words and the rows are theirs.
        Services.GetRequiredService<NavigationManager>().NavigateTo("/leads?q=%20Durand%20");
        var page = Render<LeadsPage>();

        page.WaitForAssertion(() => Assert.Equal(new LeadListQuery(Search: "Durand"), _queries.LastQuery));
        Assert.Equal("Durand", page.Find("[data-testid=lead-search] input, input[data-testid=lead-search]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_live_reload_that_ends_after_an_import_links_own_load_does_not_drop_the_import()
    {
        // The link's view waits on its campaign's preset; meanwhile the page is live, and an import's event reloads the
        // choices of the screen as it still is (every campaign), an answer held until the link's own load has landed.
        var preset = _views.HoldPreset = new TaskCompletionSource<SavedViewRow?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var everyCampaign = _queries.HoldEveryCampaignsOptions = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads?campaign={Shown}&import={KnownImport}");
        var host = RenderWithToasts();
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".fx-page-header")));

        await _bus.RaiseAsync(new LeadsImported(Shown, 6));
        host.WaitForAssertion(() => Assert.Equal(1, _queries.Options));
        preset.SetResult(null);
        host.WaitForAssertion(() => Assert.Contains("printemps.csv", host.Find("[data-testid=lead-filter-import]").TextContent));
        everyCampaign.SetResult();
        host.WaitForAssertion(() => Assert.Equal(2, _queries.OptionsAnswered));

        Assert.Contains("printemps.csv", host.Find("[data-testid=lead-filter-import]").TextContent);
        Assert.Empty(host.FindAll("[data-testid=toast]"));
        Assert.Equal(new LeadListQuery(CampaignId: Shown, ImportId: KnownImport), _queries.LastQuery);
    }

    [Fact]
    public void An_import_out_of_reach_is_dropped_with_a_warning_rather_than_an_empty_list_that_says_nothing()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads?campaign={Shown}&import={Guid.NewGuid()}");
        var host = RenderWithToasts();

        host.WaitForAssertion(() => Assert.Equal(new LeadListQuery(CampaignId: Shown), _queries.LastQuery));
        host.WaitForAssertion(() => Assert.Contains("Cet import n'existe plus ou ne vous est pas accessible",
            host.Find("[data-testid=toast][data-severity=warning]").TextContent));
        Assert.Empty(host.FindAll("[data-testid=lead-filter-import]"));
    }

    /// <summary>The page under a snackbar provider, so its toasts render.</summary>
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderWithToasts() => Render(builder =>
    {
        builder.OpenComponent<MudBlazor.MudSnackbarProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<LeadsPage>(1);
        builder.CloseComponent();
    });

    private static readonly Guid KnownImport = Guid.NewGuid();

    private sealed class CountingQueries : ILeadQueries
    {
        private int _lists, _options, _optionsAnswered;
        private LeadListQuery? _lastQuery;
        public int Lists => Volatile.Read(ref _lists);
        public int Options => Volatile.Read(ref _options);
        public int OptionsAnswered => Volatile.Read(ref _optionsAnswered);
        /// <summary>When set, the choices read for every campaign (no campaign filtered on) wait for it.</summary>
        public TaskCompletionSource? HoldEveryCampaignsOptions { get; set; }
        public LeadListQuery? LastQuery => Volatile.Read(ref _lastQuery);

        public Task<LeadPage> ListAsync(Actor actor, LeadListQuery query, PageRequest page, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _lists);
            Volatile.Write(ref _lastQuery, query);
            return Task.FromResult(LeadPage.Empty);
        }

        public async Task<LeadFilterOptions> GetFilterOptionsAsync(Actor actor, Guid? campaignId, Guid? importId = null, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _options);
            if (campaignId is null && HoldEveryCampaignsOptions is { } hold) await hold.Task;
            Interlocked.Increment(ref _optionsAnswered);
            return LeadFilterOptions.None with
            {
                Campaigns = [new LeadFilterCampaign(Shown, "Printemps", Account), new LeadFilterCampaign(Other, "Automne", Account)],
            } with
            {
                // Only the known import is named: any other is gone or out of scope, as the real service answers.
                Import = importId == KnownImport ? new LeadFilterImport(KnownImport, "printemps.csv", DateTimeOffset.UtcNow) : null,
            };
        }
    }

    private sealed class NoSavedViews : ISavedViewService
    {
        /// <summary>When set, a campaign's preset is answered by it.</summary>
        public TaskCompletionSource<SavedViewRow?>? HoldPreset { get; set; }

        public Task<IReadOnlyList<SavedViewRow>> ListAsync(Actor actor, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<SavedViewRow>>([]);
        public Task<SavedViewRow?> GetCampaignPresetAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
            HoldPreset?.Task ?? Task.FromResult<SavedViewRow?>(null);
        public Task<Guid> SaveAsync(Actor actor, Guid? viewId, SavedViewInput input, CancellationToken ct = default) => throw new NotSupportedException();
        public Task DeleteAsync(Actor actor, Guid viewId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetCampaignPresetAsync(Actor actor, Guid campaignId, Guid? viewId, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class UnusedBulk : ILeadBulkService
    {
        public Task<LeadBulkResult> RunAsync(Actor actor, LeadSelection selection, LeadBulkAction action, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task<BulkOperationStatus> GetOperationAsync(Actor actor, Guid operationId, CancellationToken ct = default) =>
            throw new NotSupportedException();
    }

    private sealed class UnusedCleanup : ILeadCleanupService
    {
        public Task<LeadCleanupPreviewResult> PreviewAsync(Actor actor, LeadSelection selection, LeadCleanupOptions options, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task<LeadCleanupApplied> ApplyAsync(Actor actor, LeadSelection selection, LeadCleanupOptions options,
            IProgress<LeadCleanupProgress>? progress = null, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<LeadCleanupUndone> UndoAsync(Actor actor, Guid batchId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<LeadCleanupBatchSummary>> ListRecentAsync(Actor actor, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<LeadCleanupBatchSummary>>([]);
    }
}
