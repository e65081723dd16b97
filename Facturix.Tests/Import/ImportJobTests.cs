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
using Npgsql;

namespace Facturix.Tests.Import;

/// <summary>
/// The import job end to end on the database (issue 15): duplicate policies (against the campaign and within the file),
/// rejects, normalization, score and time zone, cross-client flag, resume after a crash mid-batch, revert, a second
/// runner and an unreadable file. Batches of 3 rows, so the 12-row file takes 4 batches (the world: <see cref="ImportJobTest"/>).
/// </summary>
public sealed class ImportJobTests(DatabaseFixture fixture) : ImportJobTest(fixture)
{
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
    public async Task A_NUL_byte_in_a_cell_is_dropped_and_the_row_imported()
    {
        // Broken exports leave NULs mid-file, past what the format detector samples; PostgreSQL refuses them in any text.
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, "Mar\0ie;Cu\0rie;Radium;marie@radium.be;;;;");

        var result = await ImportAsync(manager, import, DuplicatePolicy.Skip);

        Assert.Equal((ImportState.Completed, 1L, 0L), (result.State, result.Created, result.Rejected));
        Assert.Contains(await LeadsAsync(campaign.Id), l => (l.FirstName, l.LastName) == ("Marie", "Curie"));
    }

    [Fact]
    public async Task A_batch_the_database_refuses_fails_the_import_with_its_reason_and_keeps_the_batches_before_it()
    {
        var (manager, campaign, _) = await WorldAsync();
        var import = await DraftAsync(campaign, manager, Rows);
        await Imports.StartAsync(manager, import.Id, Settings(DuplicatePolicy.Skip));
        await using var events = await Fixture.RecordEventsAsync();

        // Refused data is refused again on every rerun, and nothing reruns an import that threw: it showed "Running" for ever.
        Runner.BeforeCommit = batch => batch == 3
            ? throw new PostgresException("invalid byte sequence", "ERROR", "ERROR", PostgresErrorCodes.CharacterNotInRepertoire)
            : Task.CompletedTask;
        await Runner.RunAsync(import.Id, CancellationToken.None);
        Runner.BeforeCommit = null;

        var result = await Imports.GetAsync(manager, import.Id);
        Assert.Equal((ImportState.Failed, ImportErrors.RowsRefused, 6L), (result.State, result.Error, result.RowsRead));
        Assert.NotNull(result.FinishedAt);
        Assert.Equal(3 + 1, (await LeadsAsync(campaign.Id)).Count); // the two batches before it stay, for revert to take back
        // The lead they created is announced: open lists, workspaces and dashboards of the campaign show it without a reload.
        await events.WaitForAsync<LeadsImported>(e => e.CampaignId == campaign.Id && e.Count == 1);
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
        // The result says how many it flagged (counted with each batch).
        Assert.Equal(1, (await Imports.GetAsync(manager, import.Id)).Flagged);
    }

    [Fact]
    public async Task A_siren_prospected_for_another_client_flags_the_lead_the_import_updates_one_of_the_same_client_does_not()
    {
        var (manager, campaign, existing) = await WorldAsync();
        await using (var db = NewDb())
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == campaign.AccountId);
            var sameClient = await Given.CampaignAsync(account);
            var otherClient = await Given.CampaignAsync(await Given.AccountAsync());
            Lead Holding(Campaign c, string siren) => new()
            {
                Id = Guid.CreateVersion7(), CampaignId = c.Id, AccountId = c.AccountId, Company = "Ailleurs", Siren = siren,
                CreatedAt = Fixture.Clock.GetUtcNow(), UpdatedAt = Fixture.Clock.GetUtcNow(),
            };
            // Sophie's SIREN (732829320, matched by line 5) is another client's lead too; Jean's company only this client's.
            db.Leads.AddRange(Holding(otherClient, "732829320"), Holding(sameClient, "552100554"));
            await db.SaveChangesAsync();
        }
        var import = await DraftAsync(campaign, manager, [.. Rows, "Léa;Blanc;Omega;lea@omega.fr;;552 100 554;;"]);

        await ImportAsync(manager, import, DuplicatePolicy.Update);

        await using var check = NewDb();
        Assert.Equal([existing[2].Id], await check.LeadCrossClientConflicts.Select(c => c.LeadId).ToListAsync());
        Assert.Equal(1, (await Imports.GetAsync(manager, import.Id)).Flagged);
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
}
