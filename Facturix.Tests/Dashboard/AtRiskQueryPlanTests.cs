using Facturix.Domain.Leads;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The at-risk panel's callable-leads count reads the workspace queue's indexes, not a scan of a campaign's leads: its
/// plan, with every other campaign index dropped inside a rolled-back transaction.
/// </summary>
public sealed class AtRiskQueryPlanTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Callable_leads_are_counted_inside_the_queue_indexes()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var other = await Given.CampaignAsync(await Given.AccountAsync());
        await Given.LeadsAsync(campaign, 1500);
        await Given.LeadsAsync(campaign, 500, LeadStatus.Converted);
        await Given.LeadsAsync(other, 3000);
        await using var db = NewDb();
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE leads");
        await db.Database.OpenConnectionAsync();
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var settings = new Npgsql.NpgsqlCommand("""
            SET LOCAL enable_seqscan = off;
            SET LOCAL enable_bitmapscan = off;
            DO $$ DECLARE i text; BEGIN
                FOR i IN SELECT indexname FROM pg_indexes
                         WHERE tablename = 'leads' AND indexdef LIKE '%(campaign_id%' AND indexname NOT LIKE 'ix_leads_queue_%' LOOP
                    EXECUTE format('DROP INDEX %I', i);
                END LOOP;
            END $$;
            """, connection, transaction))
            await settings.ExecuteNonQueryAsync();

        await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN (FORMAT JSON) " + Infrastructure.Dashboard.Pieces.PieceSql.CallableOnly, connection, transaction);
        explain.Parameters.AddWithValue("ids", new[] { campaign.Id });
        var plan = (string)(await explain.ExecuteScalarAsync())!;

        using var json = System.Text.Json.JsonDocument.Parse(plan);
        var leadScans = Nodes(json.RootElement[0].GetProperty("Plan"))
            .Where(n => n.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "leads")
            .Select(n => n.TryGetProperty("Index Name", out var i) ? i.GetString() : n.GetProperty("Node Type").GetString())
            .Order()
            .ToList();
        await transaction.RollbackAsync();
        Assert.Equal(["ix_leads_queue_callbacks", "ix_leads_queue_fresh"], leadScans);
    }

    private static IEnumerable<System.Text.Json.JsonElement> Nodes(System.Text.Json.JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(Nodes).Prepend(node)
            : [node];
}
