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
/// The import around its job (issue 15): starting and listing imports, the dry run, live progress, the rejects file and
/// a refused revert, on the same twelve-row world as <see cref="ImportJobTests"/>.
/// </summary>
public sealed class ImportLifecycleTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
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
        // Each count comes with its examples: the rows that would update Anne (email), Pierre (phone) and Sophie (SIREN).
        Assert.Equal([3L, 4L, 5L], update.UpdatedExamples.Select(e => e.LineNumber));
        Assert.Equal(["Anne", "Paul", ""], update.UpdatedExamples.Select(e => e.Values[0]));
        Assert.Equal([6L, 11L, 13L], update.DuplicateExamples.Select(e => e.LineNumber));
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

        var queued = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Queued));
        await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Running));
        var done = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Completed));
        Assert.Equal((campaign.Id, 12L, 3L, 3L), (done.CampaignId, done.RowsRead, done.Written, done.Rejected));
        // Who started it, from the start (the service) to the end (the job): "your import finished" goes by it.
        Assert.Equal((manager.UserId, manager.UserId), (queued.CreatedById, done.CreatedById));
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
    public async Task The_rejects_file_heads_its_own_columns_in_the_words_it_is_given_even_once_the_file_is_gone()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);
        var english = new ImportRejectsColumns("Line", "Reason", position => $"Column {position}");

        var header = await RejectsHeaderAsync(manager, import.Id, english);
        File.Delete(import.StoredPath);
        var headerWithoutFile = await RejectsHeaderAsync(manager, import.Id, english);

        Assert.Equal(Header + ";Line;Reason", header);
        Assert.Equal("Column 1;Column 2;Column 3;Column 4;Column 5;Column 6;Column 7;Column 8;Line;Reason", headerWithoutFile);
    }

    private async Task<string> RejectsHeaderAsync(Actor actor, Guid importId, ImportRejectsColumns columns)
    {
        using var output = new MemoryStream();
        await Imports.WriteRejectsAsync(actor, importId, output, code => code, columns);
        return Encoding.UTF8.GetString(output.ToArray()[3..]).Split("\r\n")[0];
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
    public async Task Reject_reasons_come_most_frequent_first_each_with_its_count_and_first_five_lines()
    {
        var (manager, campaign, _) = await WorldAsync();
        // Lines 2 to 8: seven e-mails refused; line 9: a phone refused; line 10 imported.
        string[] rows = [.. Enumerable.Range(1, 7).Select(i => $"Nom{i};Prénom;Société;pas-un-email-{i};;;;"), "Luc;Roux;Epsilon;;12;;;",
            "Anne;Valide;Omega;anne@omega.fr;;;;"];
        var import = await DraftAsync(campaign, manager, rows);
        await ImportAsync(manager, import, DuplicatePolicy.Skip);

        var reasons = await Imports.RejectReasonsAsync(manager, import.Id);

        Assert.Equal([(ImportRowRules.EmailInvalid, 7L), (ImportRowRules.PhoneInvalid, 1L)], reasons.Select(r => (r.Reason, r.Count)));
        Assert.Equal([2L, 3, 4, 5, 6], reasons[0].FirstLines);
        Assert.Equal([9L], reasons[1].FirstLines);
        // An import without a rejected row has nothing to say.
        var clean = await DraftAsync(campaign, manager, ["Anne;Autre;Omega;anne.autre@omega.fr;;;;"]);
        await ImportAsync(manager, clean, DuplicatePolicy.Skip);
        Assert.Empty(await Imports.RejectReasonsAsync(manager, clean.Id));
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
    public async Task An_import_the_scheduler_refuses_is_failed_and_announced_so_open_lists_stop_showing_it_queued()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await using var events = await Fixture.RecordEventsAsync();
        Launched.Failure = new InvalidOperationException("scheduler down");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip)));

        Assert.Equal(ImportState.Failed, (await Imports.GetAsync(manager, import.Id)).State);
        var failed = await events.WaitForAsync<ImportProgressed>(e => e.ImportId == import.Id && e.State == nameof(ImportState.Failed));
        Assert.Equal((campaign.Id, manager.UserId), (failed.CampaignId, failed.CreatedById));
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

    [Fact]
    public async Task The_list_narrows_to_one_persons_imports_ended_since_a_moment_as_the_done_notice_reads_it()
    {
        var (manager, campaign, _) = await WorldAsync();
        var colleague = await Given.UserAsync(Roles.Admin);
        var before = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, before, DuplicatePolicy.Skip);
        Fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var since = Fixture.Clock.GetUtcNow();
        var mine = await DraftAsync(campaign, manager, Rows);
        await ImportAsync(manager, mine, DuplicatePolicy.Skip);
        await ImportAsync(colleague, await DraftAsync(campaign, colleague, Rows), DuplicatePolicy.Skip);
        var running = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, running.Id, Settings(DuplicatePolicy.Skip));

        var ended = await Imports.ListAsync(manager, new ImportListQuery(StartedById: manager.UserId, EndedSince: since), new PageRequest(0, 10));

        // Not the one ended before, nor the colleague's, nor the one still queued.
        Assert.Equal([mine.Id], ended.Items.Select(i => i.Id));
        Assert.Equal(ImportState.Completed, ended.Items[0].State);
        Assert.Equal(3, (await Imports.ListAsync(manager, new ImportListQuery(StartedById: manager.UserId), new PageRequest(0, 10))).TotalCount);
    }

    [Fact]
    public async Task A_page_number_far_past_the_end_is_an_empty_page_not_a_negative_offset()
    {
        var (manager, campaign, _) = await WorldAsync();
        await ImportAsync(manager, await DraftAsync(campaign, manager, Rows), DuplicatePolicy.Skip);

        // 21,474,836 × 200 wrapped to -96 in int arithmetic, and PostgreSQL refuses a negative OFFSET.
        var page = await Imports.ListAsync(manager, new ImportListQuery(), new PageRequest(int.MaxValue / 100, 200));

        Assert.Empty(page.Items);
        Assert.Equal(1, page.TotalCount);
    }
}
