using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Database;

/// <summary>
/// The reset every integration test starts from (DatabaseFixture, decision 0096): its DELETEs empty every table as the
/// TRUNCATE they replace did, the append-only audit trail and the trigger-kept tables included, and put back the
/// default permission matrix.
/// </summary>
public sealed class DatabaseResetTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_reset_empties_every_table_the_audit_trail_included_and_restores_the_default_matrix()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        var lead = (await Given.LeadsAsync(campaign, 2))[0];
        await Get<ILeadService>().AddNoteAsync(bd, lead.Id, "Rappeler jeudi");
        await using (var db = NewDb())
        {
            db.Audit(admin, Fixture.Clock.GetUtcNow(), "account.archived", "account", Guid.NewGuid(), "Acme SAS");
            await db.SaveChangesAsync();
        }
        await Get<IPermissionMatrix>().SetAsync(admin, Roles.BusinessDeveloper, Capability.LeadsExport, true);
        var before = await TablesWithRowsAsync();
        // What the reset must get past: the audit trail's append-only guard, a trigger-kept table (the leads' search
        // words) and rows that reference others (the note's activity, the leads).
        Assert.Empty(new[] { "audit_events", "activities", "lead_search_words", "leads", "AspNetUsers" }.Except(before));

        await Fixture.ResetAsync();

        Assert.Equal(["AspNetRoles", "role_capabilities"], await TablesWithRowsAsync());
        Assert.False((await Given.UserAsync(Roles.BusinessDeveloper)).Can(Capability.LeadsExport));
    }

    [Fact]
    public async Task After_a_reset_foreign_keys_and_triggers_are_in_force_again()
    {
        // The reset's replica mode lasts its own transaction only: the next writes are checked and triggered as ever.
        await Fixture.ResetAsync();
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd), 1))[0];

        await using var db = NewDb();
        db.CampaignAssignments.Add(new CampaignAssignment { CampaignId = Guid.NewGuid(), UserId = bd.UserId, AssignedAt = Fixture.Clock.GetUtcNow() });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        var searchText = await db.Database.SqlQueryRaw<string>("SELECT search_text AS \"Value\" FROM leads WHERE id = {0}", lead.Id).SingleAsync();
        Assert.Contains(lead.LastName!.ToLowerInvariant()[..3], searchText);
    }

    /// <summary>The tables of the public schema holding at least one row, sorted, read in one statement.</summary>
    private async Task<List<string>> TablesWithRowsAsync()
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        // query_to_xml runs the EXISTS for each table inside the one statement, so no round trip per table.
        await using var command = new NpgsqlCommand("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__ef_migrations_history'
              AND (xpath('/row/any/text()', query_to_xml(format('SELECT EXISTS (SELECT 1 FROM %I) AS any', table_name), false, true, '')))[1]::text = 'true'
            ORDER BY table_name
            """, connection);
        var withRows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) withRows.Add(reader.GetString(0));
        return withRows;
    }
}
