using Facturix.Domain.Activities;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Users;

/// <summary>
/// The SQL copies of two rules that hand-written statements use on the workspace's hot path agree with their LINQ
/// definitions: the campaign scope (<see cref="Scope.CampaignSql"/>) and the score's activity inputs.
/// </summary>
public sealed class ScopeSqlTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task The_campaign_scope_in_sql_sees_exactly_what_the_linq_scope_sees_for_every_kind_of_actor()
    {
        var (first, second) = (await Given.AccountAsync("Première"), await Given.AccountAsync("Seconde"));
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var loneBd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaigns = new[]
        {
            await Given.CampaignAsync(first), await Given.CampaignAsync(first, assignees: bd),
            await Given.CampaignAsync(second), await Given.CampaignAsync(second, assignees: bd),
        };
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), first);
        var admin = await Given.UserAsync(Roles.Admin);
        bd = await Given.ActorAsync(bd.UserId);
        var inactiveBd = bd with { IsActive = false };

        foreach (var actor in new[] { admin, manager, bd, loneBd, inactiveBd })
        {
            await using var db = NewDb();
            var expected = (await Scope.Campaigns(db, actor).Select(c => c.Id).ToListAsync()).ToHashSet();
            var actual = new HashSet<Guid>();
            await using (var command = Get<NpgsqlDataSource>().CreateCommand($"SELECT c.id FROM campaigns c WHERE {Scope.CampaignSql("c")}"))
            {
                Scope.AddCampaignParameters(command.Parameters, actor);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) actual.Add(reader.GetGuid(0));
            }
            Assert.True(expected.SetEquals(actual), $"{actor.Email}: LINQ {expected.Count}, SQL {actual.Count}");
        }
        // The cases differ, so the comparison above compared something.
        await using (var db = NewDb())
        {
            Assert.Equal(campaigns.Length, await Scope.Campaigns(db, admin).CountAsync(c => campaigns.Select(x => x.Id).Contains(c.Id)));
            Assert.Equal(2, await Scope.Campaigns(db, manager).CountAsync());
            Assert.Equal(2, await Scope.Campaigns(db, bd).CountAsync());
            Assert.Equal(0, await Scope.Campaigns(db, loneBd).CountAsync());
        }
    }

    [Fact]
    public async Task The_score_inputs_in_sql_count_what_the_linq_rules_count()
    {
        var account = await Given.AccountAsync();
        var campaign = await Given.CampaignAsync(account);
        var lead = (await Given.LeadsAsync(campaign, 1))[0];
        var now = DateTimeOffset.UtcNow;
        Activity Make(ActivityKind kind, CallOutcome? outcome = null, CallDirection? direction = null) => new()
        {
            Id = Guid.CreateVersion7(), LeadId = lead.Id, AccountId = account.Id, CampaignId = campaign.Id, Kind = kind,
            Outcome = outcome, Direction = direction, OccurredAt = now, CreatedAt = now,
        };
        await using (var db = NewDb())
        {
            db.Activities.AddRange(
                Make(ActivityKind.Call, CallOutcome.Interested), Make(ActivityKind.Call, CallOutcome.MeetingBooked),
                Make(ActivityKind.Call, CallOutcome.NoAnswer), Make(ActivityKind.Call),
                Make(ActivityKind.Email, direction: CallDirection.Inbound), Make(ActivityKind.Email, direction: CallDirection.Outbound),
                Make(ActivityKind.Note));
            await db.SaveChangesAsync();
        }

        await using var check = NewDb();
        var linq = (await check.Activities.Where(a => a.LeadId == lead.Id).CountAsync(LeadScores.IsPositiveCall),
            await check.Activities.Where(a => a.LeadId == lead.Id).CountAsync(LeadScores.IsReply));
        await using var command = Get<NpgsqlDataSource>().CreateCommand($"""
            SELECT (SELECT count(*) FROM activities a WHERE a.lead_id = @lead AND {LeadScores.IsPositiveCallSql}),
                   (SELECT count(*) FROM activities a WHERE a.lead_id = @lead AND {LeadScores.IsReplySql})
            """);
        command.Parameters.AddWithValue("lead", lead.Id);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((2, 1), linq);
        Assert.Equal(linq, ((int)reader.GetInt64(0), (int)reader.GetInt64(1)));
    }
}
