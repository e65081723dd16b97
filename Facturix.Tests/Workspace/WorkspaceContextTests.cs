using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Workspace;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>Issue 14: the script drawer (2.2.3) and the context panel (2.2.6) read through IWorkspaceContext.</summary>
public sealed class WorkspaceContextTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private DateTimeOffset Now => Fixture.Clock.GetUtcNow();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        OutcomeTestData.ToWholeMicroseconds(Fixture.Clock);
    }

    [Fact]
    public async Task The_script_is_filled_from_the_lead_and_the_BD_and_sanitized_like_the_script_tab()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using (var db = NewDb())
        {
            await db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.FirstName, "Inès").SetProperty(l => l.Company, "<b>Acme</b> & Fils"));
            await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Script, "Bonjour **{{firstName}}** de {{company}}, ici {{bdName}}. <script>alert(1)</script>"));
            db.CampaignObjections.AddRange(
                new CampaignObjection { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Objection = "Pas le temps", Answer = "Deux minutes, {{firstName}} ?", SortOrder = 1 },
                new CampaignObjection { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Objection = "Trop cher", Answer = "[voir](javascript:alert(1)) *ROI*", SortOrder = 0 });
            await db.SaveChangesAsync();
        }

        var script = await Get<IWorkspaceContext>().GetScriptAsync(bd, lead.Id);

        Assert.Contains("<strong>Inès</strong>", script.Html);
        Assert.Contains("&lt;b&gt;Acme&lt;/b&gt; &amp; Fils", script.Html);
        Assert.Contains(bd.DisplayName, script.Html);
        Assert.DoesNotContain("<script", script.Html);
        Assert.Equal(["Trop cher", "Pas le temps"], script.Objections.Select(o => o.Question));
        Assert.Contains("Deux minutes, Inès\u202F?", script.Objections[1].AnswerHtml);
        Assert.DoesNotContain("javascript:", script.Objections[0].AnswerHtml);
        Assert.Contains("<em>ROI</em>", script.Objections[0].AnswerHtml);
    }

    [Fact]
    public async Task A_campaign_without_a_script_gives_an_empty_one()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd), 1)).Single();

        var script = await Get<IWorkspaceContext>().GetScriptAsync(bd, lead.Id);

        Assert.Equal("", script.Html);
        Assert.Empty(script.Objections);
    }

    [Fact]
    public async Task The_context_lists_the_ten_newest_calls_emails_notes_and_tasks_condensed_newest_first()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        var kinds = new[] { ActivityKind.Call, ActivityKind.Email, ActivityKind.Note, ActivityKind.Task, ActivityKind.Status };
        await using (var db = NewDb())
        {
            for (var i = 0; i < 15; i++)
                db.Activities.Add(new Activity
                {
                    Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = campaign.Id, AccountId = campaign.AccountId, UserId = bd.UserId,
                    Kind = kinds[i % kinds.Length], Subject = $"Sujet {i}", Body = $"Ligne un {i}\n\n  ligne   deux " + new string('x', 300),
                    Outcome = i % kinds.Length == 0 ? CallOutcome.Voicemail : null, OccurredAt = Now.AddMinutes(i), CreatedAt = Now,
                });
            await db.SaveChangesAsync();
        }

        var context = await Get<IWorkspaceContext>().GetContextAsync(bd, lead.Id);

        Assert.Equal(WorkspaceContext.RecentCount, context.Recent.Count);
        Assert.DoesNotContain(context.Recent, a => a.Kind == ActivityKind.Status);
        Assert.Equal(context.Recent.OrderByDescending(a => a.OccurredAt).Select(a => a.Id), context.Recent.Select(a => a.Id));
        var newest = context.Recent[0];
        Assert.Equal((Now.AddMinutes(13), ActivityKind.Task, bd.DisplayName), (newest.OccurredAt, newest.Kind, newest.UserName));
        Assert.StartsWith("Sujet 13 · Ligne un 13 ligne deux xxx", newest.Summary);
        Assert.True(newest.Summary!.Length <= WorkspaceContext.SummaryLength);
        Assert.Equal(CallOutcome.Voicemail, context.Recent.First(a => a.Kind == ActivityKind.Call).Outcome);
    }

    [Fact]
    public async Task A_skips_note_is_flagged_for_the_screen_to_word_and_its_summary_is_the_reason_alone()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using (var db = NewDb())
        {
            foreach (var (subject, minutes) in new[] { (Activity.SkipSubject, 1), ("Skip", 0) })
                db.Activities.Add(new Activity
                {
                    Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = campaign.Id, AccountId = campaign.AccountId, UserId = bd.UserId,
                    Kind = minutes == 1 ? ActivityKind.Note : ActivityKind.Email, Subject = subject, Body = "Standard fermé",
                    OccurredAt = Now.AddMinutes(minutes), CreatedAt = Now,
                });
            await db.SaveChangesAsync();
        }

        var recent = (await Get<IWorkspaceContext>().GetContextAsync(bd, lead.Id)).Recent;

        Assert.Equal((true, "Standard fermé"), (recent[0].Skipped, recent[0].Summary));
        // Only a note is a skip's: an email someone titled "Skip" keeps its subject.
        Assert.Equal((false, "Skip · Standard fermé"), (recent[1].Skipped, recent[1].Summary));
    }

    [Fact]
    public async Task The_context_lists_the_other_leads_of_the_same_company_in_this_campaign_with_who_holds_them()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var colleague = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: [bd, colleague]);
        var other = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var leads = await Given.LeadsAsync(campaign, 4);
        var elsewhere = (await Given.LeadsAsync(other, 1)).Single();
        await using (var db = NewDb())
        {
            // Three leads of Acme here (one spelled differently), one of another company, one of Acme in another campaign.
            await db.Leads.Where(l => l.Id == leads[0].Id || l.Id == leads[1].Id || l.Id == elsewhere.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Company, "Acme"));
            await db.Leads.Where(l => l.Id == leads[2].Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Company, " ACME ").SetProperty(l => l.JobTitle, "DAF"));
            await OutcomeTestData.LockAsync(db, leads[1], colleague, Now);
            await OutcomeTestData.LockAsync(db, leads[2], bd, Now.AddHours(-1), TimeSpan.FromMinutes(10)); // expired: nobody holds it
        }

        var context = await Get<IWorkspaceContext>().GetContextAsync(bd, leads[0].Id);

        Assert.Equal(new[] { leads[1].Id, leads[2].Id }.Order(), context.SameCompany.Select(l => l.Id).Order());
        Assert.Equal(colleague.Email, context.SameCompany.Single(l => l.Id == leads[1].Id).LockedByEmail);
        var cfo = context.SameCompany.Single(l => l.Id == leads[2].Id);
        Assert.Equal(("DAF", (string?)null, LeadStatus.New), (cfo.JobTitle, cfo.LockedByEmail, cfo.Status));
        Assert.Equal("Camille Martin 2", cfo.DisplayName);
    }

    [Fact]
    public async Task The_context_lists_the_leads_open_tasks_soonest_due_first_and_undated_last()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var manager = await Given.UserAsync(Roles.Manager);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var leads = await Given.LeadsAsync(campaign, 2);
        Guid AddTask(Guid leadId, string title, Actor assignee, DateTimeOffset? due, DateTimeOffset? completed = null, int created = 0)
        {
            var id = Guid.CreateVersion7();
            using var db = NewDb();
            db.Tasks.Add(new Domain.Tasks.TaskItem
            {
                Id = id, Title = title, AssigneeId = assignee.UserId, LeadId = leadId, CampaignId = campaign.Id, DueAt = due,
                CompletedAt = completed, CreatedAt = Now.AddMinutes(created), UpdatedAt = Now,
            });
            db.SaveChanges();
            return id;
        }
        var undated = AddTask(leads[0].Id, "Relancer après le salon", bd, null);
        var later = AddTask(leads[0].Id, "Envoyer le devis", manager, Now.AddDays(2));
        var overdue = AddTask(leads[0].Id, "Envoyer la plaquette", bd, Now.AddDays(-1), created: 1);
        AddTask(leads[0].Id, "Déjà fait", bd, Now.AddDays(-2), completed: Now);
        AddTask(leads[1].Id, "Un autre lead", bd, Now.AddDays(-3));

        var tasks = (await Get<IWorkspaceContext>().GetContextAsync(bd, leads[0].Id)).OpenTasks;

        Assert.Equal([overdue, later, undated], tasks.Select(t => t.Id));
        Assert.Equal(("Envoyer le devis", manager.DisplayName, (DateTimeOffset?)Now.AddDays(2)), (tasks[1].Title, tasks[1].AssigneeName, tasks[1].DueAt));
    }

    [Fact]
    public async Task A_lead_outside_the_BDs_campaigns_is_not_found()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();

        await Assert.ThrowsAsync<NotFoundException>(() => Get<IWorkspaceContext>().GetContextAsync(bd, lead.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Get<IWorkspaceContext>().GetScriptAsync(bd, lead.Id));
    }

    [Fact]
    public async Task Recording_an_outcome_shows_in_the_context_at_once()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        IReadOnlyDictionary<string, CampaignOutcome> outcomes;
        await using (var db = NewDb())
        {
            outcomes = await OutcomeTestData.DefaultSetupAsync(db, campaign);
            await OutcomeTestData.LockAsync(db, lead, bd, Now);
        }

        var recorded = await Get<IWorkspaceOutcomes>().RecordAsync(bd,
            new OutcomeInput { LeadId = lead.Id, OutcomeId = outcomes["not-a-fit"].Id, Note = "Déjà équipés" });

        var call = Assert.Single((await Get<IWorkspaceContext>().GetContextAsync(bd, lead.Id)).Recent);
        Assert.Equal((recorded.ActivityId, ActivityKind.Call, "Pas intéressé · Déjà équipés"), (call.Id, call.Kind, call.Summary));
    }
}
