using System.Text;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Import;

/// <summary>
/// The import job end to end on the database (issue 15): duplicate policies (against the campaign and within the file),
/// rejects, normalization, score and time zone, cross-client flag, resume after a crash mid-batch, revert, the rejects
/// file, the dry run's counts and the live events. Batches of 3 rows, so the 12-row file takes 4 batches.
/// </summary>
public sealed class ImportJobTests(DatabaseFixture fixture) : ImportTest(fixture)
{
    /// <summary>
    /// Twelve data rows (lines 2-13). Against the campaign's three leads (anne@existing.fr, +33698765432, SIREN 732829320):
    /// 3 new (L2, L10, L12), 3 matching a lead of the campaign (L3 email, L4 phone typed nationally, L5 SIREN), 3 duplicates
    /// within the file (L6 of L2 in an earlier batch, L11 of L10 by email in another case, L13 of L12 in the same batch),
    /// 3 rejected (L7 email, L8 neither name nor company, L9 phone).
    /// </summary>
    private static readonly string[] Rows =
    [
        "jean;DUPONT;Acme;Jean.Dupont@Acme.fr;06 11 22 33 44;;France;Directeur commercial",
        "Anne;Martin;Beta;anne@existing.fr;;;;",
        "Paul;Durand;Gamma;;06 98 76 54 32;;;PDG",
        ";;Delta SAS;;;732 829 320;;",
        "Jean;Dupont;Acme;jean.dupont@acme.fr;;;;",
        "Zoé;Petit;;=1+1;;;;",
        ";;;x@y.fr;;;;",
        "Luc;Roux;Epsilon;;12;;;",
        "Marie;Curie;Radium;marie@radium.be;+32 2 555 12 12;;Belgique;",
        "Marie;Curie;Radium;MARIE@radium.be;;;;",
        "Luc;Dupuis;Zeta;luc@zeta.fr;;;;",
        "Luc;Dupuis;Zeta;luc@zeta.fr;;;;",
    ];

    private async Task<(Actor Manager, Campaign Campaign, Lead[] Existing)> WorldAsync()
    {
        var account = await Given.AccountAsync();
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var campaign = await Given.CampaignAsync(account);
        var now = Fixture.Clock.GetUtcNow();
        Lead Existing(string first, string company, string? email, string? phone, string? siren, string? jobTitle = null) => new()
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = account.Id, FirstName = first, LastName = "Ancien",
            Company = company, Email = email, Phone = phone, Siren = siren, JobTitle = jobTitle, CreatedAt = now, UpdatedAt = now,
        };
        Lead[] existing =
        [
            Existing("Old", "Beta Old", "anne@existing.fr", null, null),
            Existing("Pierre", "Gamma Old", null, "+33698765432", null, "Assistant"),
            Existing("Sophie", "Delta Old", null, null, "732829320"),
        ];
        await using var db = NewDb();
        db.Leads.AddRange(existing);
        await db.SaveChangesAsync();
        return (manager, campaign, existing);
    }

    private async Task<List<Lead>> LeadsAsync(Guid campaignId)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().Where(l => l.CampaignId == campaignId).ToListAsync();
    }

    [Fact]
    public async Task Skip_creates_the_new_rows_and_counts_duplicates_of_the_campaign_and_of_the_file_and_rejects()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);

        var result = await ImportAsync(manager, import, DuplicatePolicy.Skip);

        Assert.Equal(ImportState.Completed, result.State);
        Assert.Equal((12L, 3L, 0L, 6L, 3L), (result.RowsRead, result.Created, result.Updated, result.Duplicates, result.Rejected));
        Assert.Equal(12, result.TotalRows);
        var leads = await LeadsAsync(campaign.Id);
        Assert.Equal(6, leads.Count);
        var created = leads.Where(l => l.ImportId == import.Id).OrderBy(l => l.Email).ToList();
        Assert.Equal(["jean.dupont@acme.fr", "luc@zeta.fr", "marie@radium.be"], created.Select(l => l.Email));
        // Normalized on the way in, with the time zone and the score other write paths keep.
        var jean = created[0];
        Assert.Equal(("Jean", "Dupont", "+33611223344", "FR", "Europe/Paris"), (jean.FirstName, jean.LastName, jean.Phone, jean.Country.Trim(), jean.TimeZone));
        Assert.Equal(22, jean.Score); // "Directeur commercial": a director, no other input yet
        var marie = created[2];
        Assert.Equal(("+3225551212", "BE", "Europe/Brussels"), (marie.Phone, marie.Country.Trim(), marie.TimeZone));

        await using var db = NewDb();
        var rejects = await db.ImportRejects.Where(r => r.ImportId == import.Id).OrderBy(r => r.LineNumber).ToListAsync();
        Assert.Equal([(7L, ImportRowRules.EmailInvalid), (8L, ImportRowRules.NameOrCompanyRequired), (9L, ImportRowRules.PhoneInvalid)],
            rejects.Select(r => (r.LineNumber, r.Reason)));
        Assert.Equal(Rows[5].Split(';'), rejects[0].Values);
    }

    [Fact]
    public async Task Update_overwrites_the_matched_leads_with_the_given_values_rescores_them_and_revert_puts_everything_back()
    {
        var (manager, campaign, existing) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);

        var result = await ImportAsync(manager, import, DuplicatePolicy.Update);

        Assert.Equal((3L, 3L, 3L, 3L), (result.Created, result.Updated, result.Duplicates, result.Rejected));
        Assert.True(result.CanRevert);
        var leads = (await LeadsAsync(campaign.Id)).ToDictionary(l => l.Id);
        Assert.Equal(6, leads.Count);
        var anne = leads[existing[0].Id];
        Assert.Equal(("Anne", "Martin", "Beta", "anne@existing.fr"), (anne.FirstName, anne.LastName, anne.Company, anne.Email));
        var paul = leads[existing[1].Id];
        // The row's job title (PDG) replaces "Assistant", and the score follows: 30 for a C-level, where it was 0.
        Assert.Equal(("Paul", "PDG", 30), (paul.FirstName, paul.JobTitle, paul.Score));
        Assert.Equal("Delta SAS", leads[existing[2].Id].Company);
        await using (var db = NewDb())
            Assert.Equal(3, await db.ImportLeadUpdates.CountAsync(u => u.ImportId == import.Id));

        await using var events = await Fixture.RecordEventsAsync();
        await Imports.RevertAsync(manager, import.Id);

        var after = (await LeadsAsync(campaign.Id)).ToDictionary(l => l.Id);
        Assert.Equal(existing.Select(l => l.Id).Order(), after.Keys.Order());
        Assert.Equal(("Old", "Ancien", "Beta Old"), (after[existing[0].Id].FirstName, after[existing[0].Id].LastName, after[existing[0].Id].Company));
        Assert.Equal(("Pierre", "Assistant", 0), (after[existing[1].Id].FirstName, after[existing[1].Id].JobTitle, after[existing[1].Id].Score));
        Assert.Equal(ImportState.Reverted, (await Imports.GetAsync(manager, import.Id)).State);
        await events.WaitForAsync<LeadsChanged>(e => e.CampaignIds.Contains(campaign.Id));
        await using (var db = NewDb())
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "import.reverted" && a.EntityId == import.Id));
        // Reverted once: a second revert is refused.
        var again = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, import.Id));
        Assert.Equal(ImportErrors.StateInvalid, again.Code);
    }

    [Fact]
    public async Task Create_anyway_creates_every_valid_row_even_the_duplicates()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);

        var result = await ImportAsync(manager, import, DuplicatePolicy.CreateAnyway);

        Assert.Equal((9L, 0L, 0L, 3L), (result.Created, result.Updated, result.Duplicates, result.Rejected));
        Assert.Equal(12, (await LeadsAsync(campaign.Id)).Count);
    }

    [Fact]
    public async Task A_job_killed_mid_batch_resumes_from_its_checkpoint_without_losing_or_doubling_a_row()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));

        // The process "dies" inside the third batch's transaction, after its merge and before its commit.
        Runner.BeforeCommit = batch => batch == 3 ? throw new IOException("killed") : Task.CompletedTask;
        await Assert.ThrowsAsync<IOException>(() => Runner.RunAsync(import.Id, CancellationToken.None));
        Runner.BeforeCommit = null;
        var midway = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Running, 6L), (midway.State, midway.RowsRead));
        Assert.Equal(3 + 1, (await LeadsAsync(campaign.Id)).Count); // batch 1 created Jean; batch 2 only duplicates and a reject

        await Runner.RunAsync(import.Id, CancellationToken.None);

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Completed, 12L, 3L, 6L, 3L), (result.State, result.RowsRead, result.Created, result.Duplicates, result.Rejected));
        var leads = await LeadsAsync(campaign.Id);
        Assert.Equal(6, leads.Count);
        Assert.Equal(leads.Count, leads.Select(l => l.Email ?? l.Phone ?? l.Siren).Distinct().Count());
        await using var db = NewDb();
        Assert.Equal(3, await db.ImportRejects.CountAsync(r => r.ImportId == import.Id));
    }

    [Fact]
    public async Task A_second_runner_of_the_same_import_changes_nothing()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);

        await Runner.RunAsync(import.Id, CancellationToken.None); // e.g. a recovered trigger firing after the end

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((12L, 3L), (result.RowsRead, result.Created));
        Assert.Equal(6, (await LeadsAsync(campaign.Id)).Count);
    }

    [Fact]
    public async Task The_dry_run_counts_what_the_import_then_does_and_writes_no_lead()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);

        var dry = await Imports.DryRunAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));

        Assert.Equal((12L, 3L, 0L, 6L, 3L), (dry.TotalRows, dry.New, dry.Updated, dry.Duplicates, dry.Rejected));
        Assert.Equal([2L, 10L, 12L], dry.NewExamples.Select(e => e.LineNumber));
        Assert.Equal("Marie", dry.NewExamples[1].Values[0]);
        Assert.Equal([3L, 4L, 5L, 6L, 11L], dry.DuplicateExamples.Select(e => e.LineNumber));
        Assert.Equal([(7L, ImportRowRules.EmailInvalid), (8L, ImportRowRules.NameOrCompanyRequired), (9L, ImportRowRules.PhoneInvalid)],
            dry.RejectedExamples.Select(e => (e.LineNumber, e.Reason)));
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);

        var update = await Imports.DryRunAsync(manager, import.Id, Settings(DuplicatePolicy.Update));
        Assert.Equal((3L, 3L, 3L), (update.New, update.Updated, update.Duplicates));
        var real = await ImportAsync(manager, import, DuplicatePolicy.Update);
        Assert.Equal((update.New, update.Updated, update.Duplicates, update.Rejected), (real.Created, real.Updated, real.Duplicates, real.Rejected));
    }

    [Fact]
    public async Task Progress_is_announced_live_and_the_end_tells_the_campaign_its_leads_were_imported()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await using var events = await Fixture.RecordEventsAsync();

        await ImportAsync(manager, import, DuplicatePolicy.Skip);

        await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Queued));
        await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Running));
        var done = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Completed));
        Assert.Equal((campaign.Id, 12L, 3L, 3L), (done.CampaignId, done.RowsRead, done.Written, done.Rejected));
        await events.WaitForAsync<LeadsImported>(e => e.CampaignId == campaign.Id && e.Count == 3);
    }

    [Fact]
    public async Task Revert_is_refused_while_a_lead_of_the_import_has_activity()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);
        await using (var db = NewDb())
        {
            var lead = await db.Leads.FirstAsync(l => l.ImportId == import.Id);
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = campaign.Id, AccountId = campaign.AccountId, UserId = manager.UserId,
                Kind = ActivityKind.Note, Body = "Appelé", OccurredAt = Fixture.Clock.GetUtcNow(), CreatedAt = Fixture.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<ConflictException>(() => Imports.RevertAsync(manager, import.Id));

        Assert.Equal(ImportErrors.RevertHasActivity, refused.Code);
        Assert.Equal(6, (await LeadsAsync(campaign.Id)).Count);
        Assert.Equal(ImportState.Completed, (await Imports.GetAsync(manager, import.Id)).State);
    }

    [Fact]
    public async Task The_rejects_file_has_the_original_header_and_cells_then_line_and_reason_with_formulas_neutralised()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);
        using var output = new MemoryStream();

        await Imports.WriteRejectsAsync(manager, import.Id, output, code => "motif " + code);

        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header + ";Ligne;Motif", lines[0]);
        Assert.Equal("Zoé;Petit;;'=1+1;;;;;7;motif " + ImportRowRules.EmailInvalid, lines[1]);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith(";9;motif " + ImportRowRules.PhoneInvalid, lines[3]);
    }

    [Fact]
    public async Task A_company_prospected_for_another_client_is_flagged()
    {
        var (manager, campaign, _) = await WorldAsync();
        var other = await Given.CampaignAsync(await Given.AccountAsync());
        await using (var db = NewDb())
        {
            db.Leads.Add(new Lead
            {
                Id = Guid.CreateVersion7(), CampaignId = other.Id, AccountId = other.AccountId, Company = "Acme", Website = "https://www.acme.fr/contact",
                CreatedAt = Fixture.Clock.GetUtcNow(), UpdatedAt = Fixture.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        var import = await DraftAsync(campaign, manager, Rows);

        await ImportAsync(manager, import, DuplicatePolicy.Skip);

        await using var check = NewDb();
        var flagged = await check.LeadCrossClientConflicts.Join(check.Leads, c => c.LeadId, l => l.Id, (_, l) => l.Email).ToListAsync();
        Assert.Equal(["jean.dupont@acme.fr"], flagged);
    }

    [Fact]
    public async Task An_unreadable_file_fails_the_import_with_a_clear_code_and_nothing_half_written()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        File.Delete(import.StoredPath);

        await Runner.RunAsync(import.Id, CancellationToken.None);

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Failed, ImportErrors.FileUnreadable, 0L), (result.State, result.Error, result.RowsRead));
        Assert.Equal(3, (await LeadsAsync(campaign.Id)).Count);
    }

    [Fact]
    public async Task Start_queues_a_draft_once_audits_it_and_refuses_settings_without_a_name_or_company()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);

        var invalid = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Imports.StartAsync(manager, import.Id,
            new ImportSettings(Semicolons, [new(3, "Email", ImportField.Email)], DuplicatePolicy.Skip)));
        Assert.Contains(invalid.Errors, e => e.ErrorCode == "import.settings.name-or-company.required");

        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));

        var summary = await Imports.GetAsync(manager, import.Id);
        Assert.Equal(ImportState.Queued, summary.State);
        var twice = await Assert.ThrowsAsync<ConflictException>(() => Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip)));
        Assert.Equal(ImportErrors.StateInvalid, twice.Code);
        await using var db = NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "import.started" && a.EntityId == import.Id && a.ActorId == manager.UserId));
    }

    [Fact]
    public async Task The_list_shows_the_imports_in_scope_newest_first_with_who_and_when_and_hides_others()
    {
        var (manager, campaign, _) = await WorldAsync();
        var first = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, first, DuplicatePolicy.Skip);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, second.Id, Settings(DuplicatePolicy.Skip));
        var draft = await DraftAsync(campaign, manager, Rows);
        var outsider = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);

        var page = await Imports.ListAsync(manager, new ImportListQuery(campaign.Id), new PageRequest(0, 10));

        Assert.Equal([second.Id, first.Id], page.Items.Select(i => i.Id));
        Assert.Equal((2, manager.UserId, campaign.Name), (page.TotalCount, page.Items[1].CreatedById, page.Items[1].CampaignName));
        Assert.DoesNotContain(draft.Id, page.Items.Select(i => i.Id));
        Assert.Empty((await Imports.ListAsync(outsider, new ImportListQuery(), new PageRequest(0, 10))).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Imports.GetAsync(outsider, first.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => Imports.GetAsync(bd, first.Id));
    }
}
