using System.Text;
using System.Text.Json;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Audit;

public sealed class AuditLogTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private IAuditLog Log => Get<IAuditLog>();

    private async Task<AuditEvent> EventAsync(Actor? actor, string action, string? label = null, DateTimeOffset? at = null,
        string entityType = "account", Guid? entityId = null, string? details = null)
    {
        var row = new AuditEvent
        {
            OccurredAt = at ?? Monday, ActorId = actor?.UserId, Action = action, EntityType = entityType,
            EntityId = entityId ?? Guid.NewGuid(), TargetLabel = label, ClientIp = "192.0.2.10",
            Details = details ?? """{"before":{"name":"Old"},"after":{"name":"New"}}""",
        };
        await using var db = NewDb();
        db.AuditEvents.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    [Fact]
    public async Task Search_filters_by_actor_action_target_and_dates_newest_first()
    {
        var admin = await Given.UserAsync(Roles.Admin, "boss@test.local");
        var bd = await Given.UserAsync(Roles.BusinessDeveloper, "caller@test.local");
        var archived = await EventAsync(admin, "account.archived", "Acme SAS", Monday);
        var renamed = await EventAsync(bd, "account.renamed", "Globex", Monday.AddDays(1));
        var late = await EventAsync(bd, "account.archived", "Initech", Monday.AddDays(3));

        async Task<IReadOnlyList<long>> IdsAsync(AuditQuery query) =>
            (await Log.SearchAsync(admin, query, new PageRequest())).Items.Select(e => e.Id).ToList();

        Assert.Equal([late.Id, renamed.Id, archived.Id], await IdsAsync(new AuditQuery()));
        Assert.Equal([late.Id, renamed.Id], await IdsAsync(new AuditQuery(ActorEmail: "CALLER@")));
        Assert.Equal([late.Id, archived.Id], await IdsAsync(new AuditQuery(Action: "account.archived")));
        Assert.Equal([renamed.Id], await IdsAsync(new AuditQuery(Target: "glob")));
        Assert.Equal([late.Id], await IdsAsync(new AuditQuery(Target: late.EntityId!.Value.ToString())));
        Assert.Equal([renamed.Id], await IdsAsync(new AuditQuery(From: Monday.AddHours(1), To: Monday.AddDays(3))));
        Assert.Equal([late.Id], await IdsAsync(new AuditQuery(ActorEmail: "caller", Action: "account.archived")));
        Assert.Empty(await IdsAsync(new AuditQuery(Target: "100%")));
    }

    [Fact]
    public async Task Search_pages_on_the_server_and_splits_before_and_after()
    {
        var admin = await Given.UserAsync(Roles.Admin, "boss@test.local");
        for (var i = 0; i < 7; i++)
            await EventAsync(admin, "account.renamed", $"Client {i}", Monday.AddMinutes(i));

        var first = await Log.SearchAsync(admin, new AuditQuery(), new PageRequest(0, 3));
        var last = await Log.SearchAsync(admin, new AuditQuery(), new PageRequest(2, 3));

        Assert.Equal(7, first.TotalCount);
        Assert.Equal(["Client 6", "Client 5", "Client 4"], first.Items.Select(e => e.TargetLabel));
        Assert.Equal(["Client 0"], last.Items.Select(e => e.TargetLabel));
        var entry = first.Items[0];
        Assert.Equal("boss@test.local", entry.ActorEmail);
        Assert.Equal("""{"name": "Old"}""", entry.Before); // as jsonb prints it
        Assert.Equal("""{"name": "New"}""", entry.After);
        Assert.Null(entry.Details);
        Assert.Equal("192.0.2.10", entry.ClientIp);
    }

    [Fact]
    public async Task A_sign_in_attempt_without_an_actor_shows_and_filters_by_the_email_typed()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var attempt = await EventAsync(null, "signin.unknown-email", entityType: "user", details:
            """{"email":"ghost@example.com","ip":"203.0.113.5","userAgent":"curl"}""");
        await EventAsync(admin, "account.renamed");

        var found = await Log.SearchAsync(admin, new AuditQuery(ActorEmail: "ghost@example.com"), new PageRequest());

        var entry = Assert.Single(found.Items);
        Assert.Equal(attempt.Id, entry.Id);
        Assert.Equal("ghost@example.com", entry.ActorEmail);
        Assert.Null(entry.Before);
        Assert.Contains("curl", entry.Details);
    }

    [Fact]
    public async Task A_manager_sees_only_the_events_of_people_in_their_scope()
    {
        var account = await Given.AccountAsync();
        var teamBd = await Given.UserAsync(Roles.BusinessDeveloper, "team@test.local");
        var otherBd = await Given.UserAsync(Roles.BusinessDeveloper, "other@test.local");
        await Given.CampaignAsync(account, CampaignState.Active, teamBd);
        await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, otherBd);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager, "lead@test.local"), account);
        var admin = await Given.UserAsync(Roles.Admin, "boss@test.local");
        await EventAsync(teamBd, "lead.status-changed", entityId: account.Id);
        await EventAsync(otherBd, "lead.status-changed");
        await EventAsync(admin, "permission.granted");
        await EventAsync(manager, "campaign.assigned");
        await EventAsync(null, "signin.unknown-email", entityType: "user", details: """{"email":"x@y.z"}""");

        var seen = await Log.SearchAsync(manager, new AuditQuery(), new PageRequest());
        var actions = await Log.ListActionsAsync(manager);

        Assert.Equal(["lead@test.local", "team@test.local"], seen.Items.Select(e => e.ActorEmail!).Order());
        Assert.Equal(2, seen.TotalCount);
        Assert.Equal(["campaign.assigned", "lead.status-changed"], actions);
        Assert.Equal(5, (await Log.SearchAsync(admin, new AuditQuery(), new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task A_manager_does_not_see_what_their_team_did_to_leads_outside_their_scope_on_screen_or_in_the_export()
    {
        // The BD works on M1's campaign and on another client's: only the first is M1's business (decision 0073).
        var mine = await Given.AccountAsync();
        var bd = await Given.UserAsync(Roles.BusinessDeveloper, "team@test.local");
        var myLead = (await Given.LeadsAsync(await Given.CampaignAsync(mine, CampaignState.Active, bd), 1)).Single();
        var otherLead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd), 1)).Single();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), mine);
        var admin = await Given.UserAsync(Roles.Admin);
        var leads = Get<ILeadService>();
        foreach (var (lead, email) in new[] { (myLead, "mine@client.fr"), (otherLead, "secret@elsewhere.fr") })
        {
            await using var db = NewDb();
            var version = await db.Leads.Where(l => l.Id == lead.Id).Select(l => l.Version).SingleAsync();
            await leads.UpdateAsync(bd, lead.Id, new LeadEditInput { Company = "Changed", Country = "FR", Email = email }, version);
        }

        var seen = await Log.SearchAsync(manager, new AuditQuery(), new PageRequest());
        using var output = new MemoryStream();
        var exported = await Log.ExportCsvAsync(manager, new AuditQuery(), output);

        var entry = Assert.Single(seen.Items);
        Assert.Equal(myLead.Id, entry.EntityId);
        Assert.Contains("mine@client.fr", entry.After);
        Assert.Empty((await Log.SearchAsync(manager, new AuditQuery(Target: otherLead.Id.ToString()), new PageRequest())).Items);
        Assert.Equal(1, exported);
        Assert.DoesNotContain("secret@elsewhere.fr", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(2, (await Log.SearchAsync(admin, new AuditQuery(Action: "lead.updated"), new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task Imports_attached_calls_and_goals_outside_the_managers_scope_stay_hidden_like_leads()
    {
        // The team BD also works for another client: its import, call and goal name that client's data (decision 0075).
        var mine = await Given.AccountAsync();
        var bd = await Given.UserAsync(Roles.BusinessDeveloper, "team-bd@test.local");
        var myCampaign = await Given.CampaignAsync(mine, CampaignState.Active, bd);
        var otherAccount = await Given.AccountAsync();
        var otherCampaign = await Given.CampaignAsync(otherAccount, CampaignState.Active, bd);
        var myLead = (await Given.LeadsAsync(myCampaign, 1)).Single();
        var otherLead = (await Given.LeadsAsync(otherCampaign, 1)).Single();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), mine);
        var ids = new Dictionary<string, Guid>();
        await using (var db = NewDb())
        {
            foreach (var (name, campaign) in new[] { ("import.mine", myCampaign), ("import.other", otherCampaign) })
            {
                ids[name] = Guid.CreateVersion7();
                db.Imports.Add(new Facturix.Domain.Import.LeadImport
                {
                    Id = ids[name], CampaignId = campaign.Id, AccountId = campaign.AccountId, CreatedById = bd.UserId,
                    CreatedAt = Monday, FileName = name + ".csv", StoredPath = "/nonexistent",
                });
            }
            foreach (var (name, lead) in new[] { ("call.mine", myLead), ("call.other", otherLead) })
            {
                ids[name] = Guid.CreateVersion7();
                db.Activities.Add(new Facturix.Domain.Activities.Activity
                {
                    Id = ids[name], LeadId = lead.Id, CampaignId = lead.CampaignId, AccountId = lead.AccountId,
                    Kind = Facturix.Domain.Activities.ActivityKind.Call, OccurredAt = Monday, CreatedAt = Monday,
                });
            }
            foreach (var (name, kind, subject) in new[]
                     {
                         ("goal.bd", Facturix.Domain.Dashboard.Goals.GoalSubject.User, bd.UserId),
                         ("goal.mine", Facturix.Domain.Dashboard.Goals.GoalSubject.Account, mine.Id),
                         ("goal.other", Facturix.Domain.Dashboard.Goals.GoalSubject.Campaign, otherCampaign.Id),
                     })
            {
                ids[name] = Guid.CreateVersion7();
                db.Goals.Add(new Facturix.Domain.Dashboard.Goals.Goal
                {
                    Id = ids[name], SubjectKind = kind, SubjectId = subject, Target = 10, PeriodStart = new DateOnly(2026, 11, 1),
                    CreatedAt = Monday, UpdatedAt = Monday,
                });
            }
            await db.SaveChangesAsync();
        }
        foreach (var (name, id) in ids)
            await EventAsync(bd, name, name, entityType: name.StartsWith("call") ? "activity" : name.Split('.')[0], entityId: id);

        var seen = await Log.SearchAsync(manager, new AuditQuery(), new PageRequest(PageSize: 50));
        using var output = new MemoryStream();
        await Log.ExportCsvAsync(manager, new AuditQuery(), output);

        Assert.Equal(["call.mine", "goal.bd", "goal.mine", "import.mine"], seen.Items.Select(e => e.Action).Order().ToArray());
        Assert.DoesNotContain("other", Encoding.UTF8.GetString(output.ToArray()));
        var admin = await Given.UserAsync(Roles.Admin);
        Assert.Equal(ids.Count, (await Log.SearchAsync(admin, new AuditQuery(ActorEmail: "team-bd@test.local"), new PageRequest(PageSize: 50))).TotalCount);
    }

    [Fact]
    public async Task Business_developers_may_not_read_the_log()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Assert.ThrowsAsync<ForbiddenException>(() => Log.SearchAsync(bd, new AuditQuery(), new PageRequest()));
        await Assert.ThrowsAsync<ForbiddenException>(() => Log.ListActionsAsync(bd));
        await Assert.ThrowsAsync<ForbiddenException>(() => Log.ExportCsvAsync(bd, new AuditQuery(), Stream.Null));
    }

    [Fact]
    public async Task The_export_is_utf8_with_a_bom_one_row_per_event_neutralised_and_audits_itself()
    {
        var admin = await Given.UserAsync(Roles.Admin, "boss@test.local");
        await EventAsync(admin, "account.renamed", "=HYPERLINK(\"http://evil\")", Monday);
        await EventAsync(admin, "account.renamed", "+33 6 12", Monday.AddMinutes(1));
        await EventAsync(admin, "account.renamed", "-2", Monday.AddMinutes(2));
        await EventAsync(admin, "account.renamed", "@SUM(A1)", Monday.AddMinutes(3));
        await EventAsync(admin, "account.renamed", "Société Générale", Monday.AddMinutes(4));
        await EventAsync(admin, "account.archived", "Not exported", Monday.AddMinutes(5));
        var filter = new AuditQuery(Action: "account.renamed");

        using var output = new MemoryStream();
        var count = await Log.ExportCsvAsync(admin, filter, output);

        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, count);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("occurred_at_utc,actor_email,", lines[0]);
        Assert.Contains(",'@SUM(A1),", lines[2]);
        Assert.Contains(",'-2,", lines[3]);
        Assert.Contains(",'+33 6 12,", lines[4]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[5]);
        Assert.Contains(",Société Générale,", lines[1]);
        Assert.StartsWith("2026-11-23T09:04:00Z,boss@test.local,", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains("Not exported") || l.Contains("audit.exported"));

        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "audit.exported");
        Assert.Equal(admin.UserId, audit.ActorId);
        using var details = JsonDocument.Parse(audit.Details!);
        var after = details.RootElement.GetProperty("after");
        Assert.Equal("account.renamed", after.GetProperty("filter").GetProperty("action").GetString());
        Assert.Equal(5, after.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_export_keeps_each_code_and_adds_the_words_it_is_given_for_it_last()
    {
        var admin = await Given.UserAsync(Roles.Admin, "boss@test.local");
        await EventAsync(admin, "account.renamed", "Globex", Monday);
        var labels = new AuditExportLabels(action => $"Action {action}", entity => $"=Type {entity}");

        using var output = new MemoryStream();
        await Log.ExportCsvAsync(admin, new AuditQuery(Action: "account.renamed"), output, labels);

        var lines = Encoding.UTF8.GetString(output.ToArray()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",client_ip,action_label,entity_type_label", lines[0]);
        Assert.Contains(",account.renamed,account,", lines[1]);
        // The words are cells like any other: one starting as a formula is neutralised too.
        Assert.EndsWith(",192.0.2.10,Action account.renamed,'=Type account", lines[1]);
    }
}
