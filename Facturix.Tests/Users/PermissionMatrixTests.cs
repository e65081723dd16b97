using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

public sealed class PermissionMatrixTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IPermissionMatrix Matrix => Get<IPermissionMatrix>();

    private static void AssertSameMatrix(
        IReadOnlyDictionary<string, IReadOnlySet<Capability>> expected, IReadOnlyDictionary<string, IReadOnlySet<Capability>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (role, capabilities) in expected)
            Assert.True(capabilities.SetEquals(actual[role]), $"{role}: expected {string.Join(",", capabilities)}, was {string.Join(",", actual[role])}");
    }

    [Fact]
    public async Task A_grant_and_a_revoke_are_audited_with_before_and_after_and_reach_every_circuit()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await using var events = await Fixture.RecordEventsAsync();

        await Matrix.SetAsync(admin, Roles.BusinessDeveloper, Capability.LeadsExport, true);
        await events.WaitForAsync<AccessChanged>(e => e.UserId is null);
        await Matrix.SetAsync(admin, Roles.BusinessDeveloper, Capability.LeadsExport, false);

        await using var db = NewDb();
        var rows = await db.AuditEvents.Where(e => e.Action.StartsWith("permission.")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["permission.granted", "permission.revoked"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(Roles.BusinessDeveloper, r.TargetLabel));
        Assert.All(rows, r => Assert.Equal(admin.UserId, r.ActorId));
        using var granted = JsonDocument.Parse(rows[0].Details!);
        Assert.False(granted.RootElement.GetProperty("before").GetProperty("granted").GetBoolean());
        Assert.True(granted.RootElement.GetProperty("after").GetProperty("granted").GetBoolean());
        Assert.Equal("leads.export", granted.RootElement.GetProperty("after").GetProperty("capability").GetString());
        await events.SettleAsync();
        Assert.Equal(2, events.Received.OfType<AccessChanged>().Count(e => e.UserId is null));
    }

    [Fact]
    public async Task An_unknown_capability_is_refused_with_a_code_and_nothing_is_written()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            Matrix.SetAsync(admin, Roles.BusinessDeveloper, (Capability)999, true));

        Assert.Equal(ErrorCodes.CapabilityInvalid, Assert.Single(refused.Errors).ErrorCode);
        await using var db = NewDb();
        Assert.False(await db.AuditEvents.AnyAsync());
    }

    [Fact]
    public async Task Setting_what_is_already_there_changes_nothing_and_audits_nothing()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        await Matrix.SetAsync(admin, Roles.BusinessDeveloper, Capability.LeadsRead, true);

        await using var db = NewDb();
        Assert.False(await db.AuditEvents.AnyAsync());
    }

    [Fact]
    public async Task Reset_restores_the_default_matrix_audited_with_before_and_after()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await Matrix.SetAsync(admin, Roles.BusinessDeveloper, Capability.AuditRead, true);
        await Matrix.SetAsync(admin, Roles.Manager, Capability.LeadsDelete, false);
        await Matrix.SetAsync(admin, Roles.Manager, Capability.PermissionsManage, true);
        await using var events = await Fixture.RecordEventsAsync();

        await Matrix.ResetToDefaultsAsync(admin);

        AssertSameMatrix(RoleCapabilities.Defaults, await Matrix.GetAsync(admin));
        await events.WaitForAsync<AccessChanged>(e => e.UserId is null);
        await using var db = NewDb();
        var reset = await db.AuditEvents.SingleAsync(e => e.Action == "permissions.reset");
        Assert.Equal(admin.UserId, reset.ActorId);
        using var details = JsonDocument.Parse(reset.Details!);
        var before = details.RootElement.GetProperty("before").GetProperty(Roles.BusinessDeveloper).EnumerateArray().Select(e => e.GetString());
        var after = details.RootElement.GetProperty("after").GetProperty(Roles.BusinessDeveloper).EnumerateArray().Select(e => e.GetString());
        Assert.Contains("audit.read", before);
        Assert.DoesNotContain("audit.read", after);
        Assert.False((await Given.ActorAsync((await Given.UserAsync(Roles.BusinessDeveloper)).UserId)).Can(Capability.AuditRead));
    }

    [Fact]
    public async Task Only_those_who_manage_permissions_may_reset_them()
    {
        var manager = await Given.UserAsync(Roles.Manager);
        await Assert.ThrowsAsync<ForbiddenException>(() => Matrix.ResetToDefaultsAsync(manager));
    }

    [Fact]
    public async Task The_last_role_holding_permissions_manage_keeps_it_whichever_role_it_is()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var manager = await Given.UserAsync(Roles.Manager);

        var first = await Assert.ThrowsAsync<ConflictException>(() =>
            Matrix.SetAsync(admin, Roles.Admin, Capability.PermissionsManage, false));
        Assert.Equal(ErrorCodes.PermissionsLockout, first.Code);

        await Matrix.SetAsync(admin, Roles.Manager, Capability.PermissionsManage, true);
        await Matrix.SetAsync(admin, Roles.Admin, Capability.PermissionsManage, false);
        Assert.False((await Given.ActorAsync(admin.UserId)).Can(Capability.PermissionsManage));

        // The manager now holds the matrix alone, and cannot give it up.
        var managerNow = await Given.ActorAsync(manager.UserId);
        var last = await Assert.ThrowsAsync<ConflictException>(() =>
            Matrix.SetAsync(managerNow, Roles.Manager, Capability.PermissionsManage, false));
        Assert.Equal(ErrorCodes.PermissionsLockout, last.Code);
        Assert.Contains(Capability.PermissionsManage, (await Matrix.GetAsync(managerNow))[Roles.Manager]);

        // Giving it back to admins opens the way again.
        await Matrix.SetAsync(managerNow, Roles.Admin, Capability.PermissionsManage, true);
        await Matrix.SetAsync(managerNow, Roles.Manager, Capability.PermissionsManage, false);
        Assert.True((await Given.ActorAsync(admin.UserId)).Can(Capability.PermissionsManage));
    }

    [Fact]
    public async Task Two_admins_removing_it_from_the_last_two_roles_at_once_leave_one_holder()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await Matrix.SetAsync(admin, Roles.Manager, Capability.PermissionsManage, true);

        var attempts = await Task.WhenAll(
            Attempt(() => Matrix.SetAsync(admin, Roles.Admin, Capability.PermissionsManage, false)),
            Attempt(() => Matrix.SetAsync(admin, Roles.Manager, Capability.PermissionsManage, false)));

        Assert.Single(attempts, ok => ok);
        await using var db = NewDb();
        Assert.Equal(1, await db.RoleCapabilities.CountAsync(rc => rc.Capability == "permissions.manage"));

        static async Task<bool> Attempt(Func<Task> set)
        {
            try
            {
                await set();
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }
    }
}
