using System.Text.Json;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Workspace;
using Facturix.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Facturix.Tests.Workspace;

/// <summary>
/// "The plan stays an index scan as a campaign drains" (issue 14), checked with EXPLAIN ANALYZE on a drained campaign:
/// 60 % closed, 20 % at the attempt cap, 20 % waiting for their retry delay, and the few callable leads last in queue
/// order. Get Next must walk the open leads' partial index and pass over the capped and waiting ones inside the index
/// (no row visited, nothing sorted, no sequential scan). docs/decisions/0045 quotes the plan.
/// </summary>
public sealed class WorkspaceQueuePlanTests(DatabaseFixture fixture, ITestOutputHelper output) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Get_next_on_a_drained_campaign_is_one_index_scan_that_visits_no_skipped_row()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active);
        var other = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active);
        var now = DateTimeOffset.Parse("2026-11-10T09:00:00Z"); // 10:00 in Paris
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand("""
            INSERT INTO leads (id, campaign_id, account_id, status, score, company, country, priority, call_attempts,
                last_contacted_at, created_at, updated_at)
            SELECT gen_random_uuid(), c.id, c.account_id,
                CASE WHEN i % 10 < 6 THEN 'NotAFit' WHEN i % 10 < 8 THEN 'Attempted' WHEN i < 49950 THEN 'Attempted' ELSE 'New' END,
                i % 100, 'Société ' || i, 'FR',
                CASE WHEN i >= 49950 THEN -1 ELSE i % 5 END,
                CASE WHEN i % 10 < 8 AND i % 10 >= 6 THEN 6 WHEN i >= 49950 THEN 0 ELSE 1 END,
                CASE WHEN i >= 49950 THEN NULL ELSE @now - interval '30 minutes' END,
                @now - interval '30 days', @now - interval '30 days'
            FROM generate_series(0, 49999) AS i, campaigns c WHERE c.id = ANY(@campaigns);
            ANALYZE leads;
            """, connection))
        {
            fill.Parameters.AddWithValue("now", now);
            fill.Parameters.AddWithValue("campaigns", new[] { campaign.Id, other.Id });
            fill.CommandTimeout = 300;
            await fill.ExecuteNonQueryAsync();
        }

        var bd = (await Given.UserAsync(Facturix.Domain.Users.Roles.BusinessDeveloper)).UserId;
        // Every window shape has its own statement text (decision 0077); each must keep the same plan.
        foreach (var (start, end) in new (TimeOnly, TimeOnly)[] { (new(9, 0), new(18, 0)), (new(9, 0), CallingHours.Midnight), (CallingHours.Midnight, CallingHours.Midnight) })
        {
            var shape = CallingHours.ShapeOf(start, end);
            await using var transaction = await connection.BeginTransactionAsync();
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + WorkspaceQueueSql.GetNext(shape), connection, transaction);
            explain.Parameters.AddWithValue("campaign", campaign.Id);
            explain.Parameters.AddWithValue("now", now);
            explain.Parameters.AddWithValue("zone", "Europe/Paris");
            explain.Parameters.AddWithValue("max", 6);
            explain.Parameters.AddWithValue("start", start);
            explain.Parameters.AddWithValue("end", end);
            explain.Parameters.AddWithValue("user", bd);
            explain.Parameters.AddWithValue("expires", now.AddMinutes(15));
            explain.Parameters.AddWithValue("retry_before", now.AddMinutes(-240));
            var json = (string)(await explain.ExecuteScalarAsync())!;
            await transaction.RollbackAsync();
            output.WriteLine($"{shape}: {json}");

            var nodes = Flatten(JsonDocument.Parse(json).RootElement[0].GetProperty("Plan")).ToList();
            Assert.DoesNotContain(nodes, n => n.GetProperty("Node Type").GetString() is "Seq Scan" or "Sort" or "Bitmap Heap Scan");
            var fresh = Assert.Single(nodes, n => n.TryGetProperty("Index Name", out var name) && name.GetString() == "ix_leads_queue_fresh");
            Assert.Equal("Index Scan", fresh.GetProperty("Node Type").GetString());
            Assert.Equal(1, fresh.GetProperty("Actual Rows").GetInt32()); // found the first callable lead, stopped there
            // Capped and waiting leads are passed over by the index conditions, not fetched and filtered.
            Assert.Equal(0, fresh.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt32() : 0);
            Assert.Contains(nodes, n => n.TryGetProperty("Index Name", out var name) && name.GetString() == "ix_leads_queue_callbacks");
        }
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement node)
    {
        yield return node;
        if (!node.TryGetProperty("Plans", out var children)) yield break;
        foreach (var child in children.EnumerateArray())
            foreach (var descendant in Flatten(child)) yield return descendant;
    }
}
