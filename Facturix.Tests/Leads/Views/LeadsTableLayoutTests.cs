using Bunit;
using Facturix.App.Leads;
using Facturix.App.Leads.Bulk;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Facturix.Tests.Leads.Views;

/// <summary>The grid's sort and visible columns follow the view (so applying a saved view restores them) and report changes back.</summary>
public sealed class LeadsTableLayoutTests : ShellTestContext
{
    private readonly RecordingQueries _queries;

    public LeadsTableLayoutTests() : this(new RecordingQueries()) { }

    private LeadsTableLayoutTests(RecordingQueries queries) : base(services => services.AddSingleton<ILeadQueries>(queries))
    {
        _queries = queries;
        SignIn(Roles.BusinessDeveloper);
    }

    private static IEnumerable<string> Headers(IRenderedComponent<LeadsTableHost> host) =>
        host.FindAll(".mud-table-head th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0);

    [Fact]
    public void A_view_s_columns_and_sort_are_what_the_grid_shows_and_asks_for()
    {
        var host = Render<LeadsTableHost>(p => p.Add(h => h.Layout,
            LeadViewDefinition.Default with { SortBy = LeadListQuery.Sort.Score, SortDescending = true, VisibleColumns = [LeadColumns.Name, LeadColumns.Score] }));

        host.WaitForAssertion(() => Assert.Contains(_queries.Requests, r => r is { SortBy: LeadListQuery.Sort.Score, SortDescending: true }));
        host.WaitForAssertion(() => Assert.Equal(["Nom", "Score"], Headers(host)));

        // Applying another view (all columns, by company) changes both.
        host.Render(p => p.Add(h => h.Layout, LeadViewDefinition.Default with { SortBy = LeadListQuery.Sort.Company }));
        host.WaitForAssertion(() => Assert.Equal(new PageRequest(0, 25, LeadListQuery.Sort.Company, false), _queries.Requests.Last()));
        host.WaitForAssertion(() => Assert.Contains("Société", Headers(host)));
    }

    /// <summary>The grid cannot move columns, so LeadColumns.All is the order of what a person sees, and of the export's columns.</summary>
    [Fact]
    public void The_grid_shows_its_columns_in_the_order_the_export_writes_them()
    {
        var strings = Services.GetRequiredService<IStringLocalizer<LeadsStrings>>();

        var host = Render<LeadsTableHost>();

        host.WaitForAssertion(() => Assert.Equal(LeadColumns.All.Select(c => strings[LeadExportEndpoint.HeaderKey(c)].Value), Headers(host)));
    }

    [Fact]
    public void Sorting_by_a_header_is_reported_as_part_of_the_view()
    {
        var host = Render<LeadsTableHost>();
        host.WaitForAssertion(() => Assert.NotEmpty(_queries.Requests));

        host.WaitForAssertion(() => Assert.Contains("Score", Headers(host)));
        host.FindAll(".mud-table-head th").First(th => th.TextContent.Trim() == "Score").QuerySelector(".sortable-column-header")!.Click();

        host.WaitForAssertion(() => Assert.Equal(LeadListQuery.Sort.Score, host.Instance.Received.Last().SortBy));
        Assert.False(host.Instance.Received.Last().SortDescending);
    }

    [Fact]
    public void An_empty_list_shows_no_pager()
    {
        var host = Render<LeadsTableHost>();
        host.WaitForAssertion(() => Assert.NotEmpty(_queries.Requests));

        // No "0-0 sur 0" under the empty state.
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-table-pagination > *")));
    }

    private sealed class RecordingQueries : ILeadQueries
    {
        public List<PageRequest> Requests { get; } = [];

        public Task<LeadPage> ListAsync(Actor actor, LeadListQuery query, PageRequest page, CancellationToken ct = default)
        {
            lock (Requests) Requests.Add(page);
            return Task.FromResult(LeadPage.Empty);
        }

        public Task<LeadFilterOptions> GetFilterOptionsAsync(Actor actor, Guid? campaignId, Guid? importId = null, CancellationToken ct = default) =>
            Task.FromResult(LeadFilterOptions.None);
    }
}
