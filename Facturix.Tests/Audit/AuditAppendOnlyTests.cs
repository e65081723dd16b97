using System.Reflection;
using Facturix.Domain.Audit;
using Facturix.Infrastructure.Audit;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Facturix.Tests.Audit;

/// <summary>Audit events are append-only (backlog 2.7.5): the app offers no way to change them and the database refuses to.</summary>
public sealed class AuditAppendOnlyTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private async Task<long> AnEventAsync()
    {
        var admin = await Given.UserAsync(Domain.Users.Roles.Admin);
        await using var db = NewDb();
        var row = db.Audit(admin, Fixture.Clock.GetUtcNow(), "account.archived", "account", Guid.NewGuid(), "Acme SAS",
            before: new { archived = false }, after: new { archived = true });
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task AssertUnchangedAsync(long id)
    {
        await using var db = NewDb();
        var row = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.Equal("account.archived", row.Action);
        Assert.Equal("Acme SAS", row.TargetLabel);
    }

    private static void AssertRefusedByTheDatabase(Exception error)
    {
        var postgres = error as PostgresException ?? error.InnerException as PostgresException;
        Assert.NotNull(postgres);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, postgres.SqlState);
        Assert.Contains("append-only", postgres.MessageText);
    }

    [Fact]
    public async Task Raw_sql_update_and_delete_through_the_apps_connection_are_refused()
    {
        var id = await AnEventAsync();
        await using var db = NewDb();

        AssertRefusedByTheDatabase(await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET action = 'nothing.happened' WHERE id = {0}", id)));
        AssertRefusedByTheDatabase(await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events WHERE id = {0}", id)));

        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Ef_bulk_update_and_delete_are_refused()
    {
        var id = await AnEventAsync();
        await using var db = NewDb();

        AssertRefusedByTheDatabase(await Assert.ThrowsAnyAsync<Exception>(() =>
            db.AuditEvents.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.TargetLabel, "Someone else"))));
        AssertRefusedByTheDatabase(await Assert.ThrowsAnyAsync<Exception>(() =>
            db.AuditEvents.Where(e => e.Id == id).ExecuteDeleteAsync()));

        await AssertUnchangedAsync(id);
    }

    [Fact]
    public async Task Tracked_changes_and_removals_are_refused()
    {
        var id = await AnEventAsync();

        await using (var db = NewDb())
        {
            var row = await db.AuditEvents.SingleAsync(e => e.Id == id);
            row.Action = "nothing.happened";
            AssertRefusedByTheDatabase(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()));
        }
        await using (var db = NewDb())
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.Id == id));
            AssertRefusedByTheDatabase(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync()));
        }

        await AssertUnchangedAsync(id);
    }

    [Fact]
    public void The_audit_log_offers_no_way_to_change_or_remove_an_event()
    {
        var verbs = new[] { "Update", "Delete", "Remove", "Edit", "Set", "Change", "Purge", "Clear", "Archive", "Save" };
        var methods = typeof(IAuditLog).GetMethods().Select(m => m.Name)
            .Concat(typeof(AuditLog).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name))
            .ToList();

        Assert.Equal(["ExportCsvAsync", "ListActionsAsync", "SearchAsync"], typeof(IAuditLog).GetMethods().Select(m => m.Name).Order());
        Assert.DoesNotContain(methods, name => verbs.Any(v => name.Contains(v, StringComparison.OrdinalIgnoreCase)));
    }
}
