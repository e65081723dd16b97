using Facturix.Domain.Activities;
using Facturix.Infrastructure.Dashboard;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The <c>activity_daily</c> rollup (docs/decisions/0062) stays what <see cref="ActivityDailySql.Rebuild"/> computes
/// from <c>activities</c> through inserts, updates that move an activity to another day, user, kind or outcome,
/// deletes, and a lead deleted with its activities (the foreign key's cascade).
/// </summary>
public sealed class ActivityDailyRollupTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task The_rollup_stays_exact_through_inserts_updates_deletes_and_a_lead_deletion()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        await AssertExactAsync("after the seed's inserts");

        await using (var db = NewDb())
        {
            var calls = await db.Activities.Where(a => a.Kind == ActivityKind.Call).OrderBy(a => a.Id).Take(40).ToListAsync();
            foreach (var (call, i) in calls.Select((c, i) => (c, i)))
            {
                switch (i % 5)
                {
                    case 0: call.OccurredAt = call.OccurredAt.AddHours(-20); break;
                    case 1: call.UserId = seed.Bd3.UserId; break;
                    case 2: call.Outcome = CallOutcome.MeetingBooked; break;
                    case 3: call.Kind = ActivityKind.Status; call.StatusTo = Domain.Leads.LeadStatus.Converted; break;
                    default: call.Kind = ActivityKind.Email; call.Direction = CallDirection.Outbound; break;
                }
            }
            await db.SaveChangesAsync();
        }
        await AssertExactAsync("after updates");

        await using (var db = NewDb())
        {
            // One statement moving many rows at once, then one deleting many.
            await db.Activities.Where(a => a.CampaignId == seed.A2.Id && a.Kind == ActivityKind.Email)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CampaignId, seed.A1.Id));
            await AssertExactAsync("after a set-based update");
            await db.Activities.Where(a => a.UserId == seed.Manager.UserId).ExecuteDeleteAsync();
        }
        await AssertExactAsync("after deletes");

        var doomed = seed.Leads[seed.A1.Id][0].Id;
        await using (var db = NewDb())
        {
            Assert.True(await db.Activities.AnyAsync(a => a.LeadId == doomed), "the seed should give this lead activities");
            await db.Leads.Where(l => l.Id == doomed).ExecuteDeleteAsync();
            Assert.False(await db.Activities.AnyAsync(a => a.LeadId == doomed));
        }
        await AssertExactAsync("after a lead deletion cascaded to its activities");
    }

    [Fact]
    public async Task Changing_whether_an_outcome_counts_as_contact_recounts_its_campaigns_past_calls()
    {
        var seed = await DashboardSeed.CreateAsync(Fixture, Given);
        var outcome = new Domain.Campaigns.CampaignOutcome
        {
            Id = Guid.CreateVersion7(), CampaignId = seed.A1.Id, Key = "sondage", Label = "Sondage", CountsAsContact = false,
        };
        await using (var db = NewDb())
        {
            db.CampaignOutcomes.Add(outcome);
            await db.SaveChangesAsync();
            // Past calls of the campaign took this outcome: with it not counting as contact, none of them is one.
            await db.Activities.Where(a => a.CampaignId == seed.A1.Id && a.Kind == ActivityKind.Call)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CampaignOutcomeId, outcome.Id));
            Assert.Equal(0, await db.ActivityDaily.Where(d => d.CampaignId == seed.A1.Id).SumAsync(d => d.Contacts));
        }

        await Get<Domain.Campaigns.ICampaignOutcomeService>().UpdateAsync(seed.Admin, outcome.Id,
            new Domain.Campaigns.CampaignOutcomeInput { Label = "Sondage", CountsAsContact = true });

        await using (var db = NewDb())
        {
            var calls = await db.Activities.CountAsync(a => a.CampaignId == seed.A1.Id && a.Kind == ActivityKind.Call);
            Assert.True(calls > 0);
            Assert.Equal(calls, await db.ActivityDaily.Where(d => d.CampaignId == seed.A1.Id).SumAsync(d => d.Contacts));
        }
        await AssertExactAsync("after the outcome's contact rule changed");
    }

    /// <summary>The rollup's rows (all-zero rows left by deletes are as good as absent) equal those a rebuild writes.</summary>
    private async Task AssertExactAsync(string when)
    {
        var kept = await RowsAsync();
        await using (var db = NewDb())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(ActivityDailySql.Rebuild);
            var rebuilt = await RowsAsync(db.Database.GetDbConnection() as NpgsqlConnection);
            await transaction.RollbackAsync();
            Assert.True(rebuilt.Count > 0, "the rebuild should have rows");
            Assert.True(kept.SequenceEqual(rebuilt), $"{when}: rollup differs from a rebuild:\n kept    {string.Join(" ", kept.Except(rebuilt))}\n rebuilt {string.Join(" ", rebuilt.Except(kept))}");
        }
    }

    private async Task<List<string>> RowsAsync(NpgsqlConnection? inTransaction = null)
    {
        const string sql = """
            SELECT day, campaign_id, user_id, calls, contacts, meetings, emails_sent, conversions FROM activity_daily
            WHERE calls <> 0 OR contacts <> 0 OR meetings <> 0 OR emails_sent <> 0 OR conversions <> 0
            ORDER BY day, campaign_id, user_id
            """;
        var owned = inTransaction is null ? new NpgsqlConnection(Fixture.ConnectionString) : null;
        var connection = inTransaction ?? owned!;
        try
        {
            if (owned is not null) await owned.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add($"{reader.GetFieldValue<DateOnly>(0)}/{reader.GetGuid(1)}/{reader.GetGuid(2)}:" +
                    $"{reader.GetInt32(3)},{reader.GetInt32(4)},{reader.GetInt32(5)},{reader.GetInt32(6)},{reader.GetInt32(7)}");
            return rows;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }
}
