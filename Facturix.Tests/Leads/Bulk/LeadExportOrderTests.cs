using CsvHelper;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads.Bulk;

/// <summary>The export writes what the person sees: the list's sort (same keys, status by pipeline order) and the columns asked, in their order.</summary>
public sealed class LeadExportOrderTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadExport Export => Get<ILeadExport>();

    /// <summary>The header line's cells and the rows, read back by CsvHelper.</summary>
    private static async Task<(string[] Header, List<string[]> Rows)> ExportAsync(ILeadExport export, Actor actor, LeadSelection selection, LeadExportRequest request)
    {
        using var output = new MemoryStream();
        await export.ExportCsvAsync(actor, selection, request, output);
        using var reader = CsvReader.Create(new MemoryStream(output.ToArray()), CsvReaderOptions.Default with { Separator = request.Separator }, leaveOpen: false);
        reader.ReadHeader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        // The header line holds plain column keys here (no quoting): read as written.
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF');
        return (text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(request.Separator), rows);
    }

    private async Task<(Actor Manager, Campaign Campaign, IReadOnlyList<Lead> Leads)> ManagedLeadsAsync(int count)
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        return (manager, campaign, await Given.LeadsAsync(campaign, count));
    }

    private async Task SetAsync(Lead lead, LeadStatus status, int score, DateTimeOffset createdAt)
    {
        await using var db = NewDb();
        await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Status, status).SetProperty(l => l.Score, score).SetProperty(l => l.CreatedAt, createdAt));
    }

    [Theory]
    [InlineData(false, new[] { "Martin 1", "Martin 3", "Martin 0", "Martin 2" })]
    [InlineData(true, new[] { "Martin 2", "Martin 0", "Martin 3", "Martin 1" })]
    public async Task Sorted_by_status_the_rows_follow_the_pipeline_as_the_list_does(bool descending, string[] expected)
    {
        var (manager, campaign, leads) = await ManagedLeadsAsync(4);
        var at = Fixture.Clock.GetUtcNow();
        // Neither the id order nor the stages' names (Contacted, Converted, DoNotContact, New) give the pipeline's order.
        await SetAsync(leads[0], LeadStatus.Converted, 10, at);
        await SetAsync(leads[1], LeadStatus.New, 20, at);
        await SetAsync(leads[2], LeadStatus.DoNotContact, 30, at);
        await SetAsync(leads[3], LeadStatus.Contacted, 40, at);
        var query = new LeadListQuery(CampaignId: campaign.Id);

        var (_, rows) = await ExportAsync(Export, manager, LeadSelection.AllMatching(query),
            new LeadExportRequest([LeadColumns.Name, LeadColumns.Status], SortBy: LeadListQuery.Sort.Status, SortDescending: descending));

        Assert.Equal(expected, rows.Select(r => r[0].Replace("Camille ", "")));
        var listed = await Get<ILeadQueries>().ListAsync(manager, query, new PageRequest(0, 25, LeadListQuery.Sort.Status, descending));
        Assert.Equal(listed.Items.Select(r => r.DisplayName), rows.Select(r => r[0]));
    }

    [Fact]
    public async Task Ticked_rows_come_in_the_grids_sort_and_newest_first_without_one()
    {
        var (manager, _, leads) = await ManagedLeadsAsync(3);
        var at = Fixture.Clock.GetUtcNow();
        // Created in id order, but the first lead is the newest and scores in the middle.
        await SetAsync(leads[0], LeadStatus.New, 50, at);
        await SetAsync(leads[1], LeadStatus.New, 90, at.AddDays(-2));
        await SetAsync(leads[2], LeadStatus.New, 10, at.AddDays(-1));
        var ticked = LeadSelection.Of(leads.Select(l => l.Id));

        var (_, byScore) = await ExportAsync(Export, manager, ticked,
            new LeadExportRequest([LeadColumns.Score, LeadColumns.Name], SortBy: LeadListQuery.Sort.Score, SortDescending: true));
        var (_, unsorted) = await ExportAsync(Export, manager, ticked, new LeadExportRequest([LeadColumns.Name]));

        Assert.Equal(["90", "50", "10"], byScore.Select(r => r[0]));
        Assert.Equal(["Camille Martin 0", "Camille Martin 2", "Camille Martin 1"], unsorted.Select(r => r[0]));
    }

    [Fact]
    public async Task Ticked_rows_under_a_search_come_as_the_list_showed_them_as_typed_first()
    {
        var (manager, _, leads) = await ManagedLeadsAsync(3);
        var at = Fixture.Clock.GetUtcNow();
        await SetAsync(leads[0], LeadStatus.New, 0, at);
        await SetAsync(leads[1], LeadStatus.New, 0, at.AddDays(-2));
        await SetAsync(leads[2], LeadStatus.New, 0, at.AddDays(-1));
        await using (var db = NewDb())
            await db.Leads.Where(l => l.Id == leads[1].Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Company, "Transports Durandière"));
        var ticked = LeadSelection.Of(leads.Select(l => l.Id));

        var (_, underSearch) = await ExportAsync(Export, manager, ticked, new LeadExportRequest([LeadColumns.Name], Search: "durandière"));
        var (_, noSearch) = await ExportAsync(Export, manager, ticked, new LeadExportRequest([LeadColumns.Name], Search: "  "));

        // The oldest lead is the one found as typed: first, then the others newest first, as the list ranks a search.
        Assert.Equal(["Camille Martin 1", "Camille Martin 0", "Camille Martin 2"], underSearch.Select(r => r[0]));
        Assert.Equal(["Camille Martin 0", "Camille Martin 2", "Camille Martin 1"], noSearch.Select(r => r[0]));
    }

    [Fact]
    public async Task The_columns_are_the_ones_asked_in_the_order_asked()
    {
        var (manager, _, leads) = await ManagedLeadsAsync(1);

        var (header, rows) = await ExportAsync(Export, manager, LeadSelection.Of([leads[0].Id]),
            new LeadExportRequest([LeadColumns.Status, LeadColumns.Email, LeadColumns.Name]));

        Assert.Equal([LeadColumns.Status, LeadColumns.Email, LeadColumns.Name], header);
        Assert.Equal(["New", leads[0].Email!, "Camille Martin 0"], Assert.Single(rows));
    }

    [Fact]
    public void Visible_columns_go_to_the_file_in_the_grids_order_whatever_order_a_view_stored()
    {
        Assert.Equal([LeadColumns.Name, LeadColumns.Status, LeadColumns.Campaign, LeadColumns.Email],
            LeadColumns.InGridOrder([LeadColumns.Email, LeadColumns.Campaign, "nope", LeadColumns.Name, LeadColumns.Status]));
    }
}
