using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>
/// Changing someone's access through <see cref="IUserDirectory"/>: roles and deactivation, audited and announced, a
/// deactivation releasing the person's lead locks at once, and never leaving the agency without an active admin (even
/// when two admins demote each other at the same moment).
/// </summary>
public sealed class UserRolesAndActivationTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IUserDirectory Directory => Get<IUserDirectory>();

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted_while_another_admin_can_be()
    {
        var first = await Given.UserAsync(Roles.Admin);
        var second = await Given.UserAsync(Roles.Admin);

        await Directory.SetRolesAsync(first, second.UserId, [Roles.Manager]);
        var error = await Assert.ThrowsAsync<ConflictException>(() => Directory.SetRolesAsync(first, first.UserId, [Roles.Manager]));

        Assert.Equal(ErrorCodes.LastAdmin, error.Code);
        Assert.Contains(Roles.Admin, (await Given.ActorAsync(first.UserId)).Roles);
        Assert.DoesNotContain(Roles.Admin, (await Given.ActorAsync(second.UserId)).Roles);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_deactivated_while_another_admin_can_be()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var other = await Given.UserAsync(Roles.Admin);
        // Someone else who may manage users without being an admin: a manager granted users.manage agency-wide.
        await Get<IPermissionMatrix>().SetAsync(admin, Roles.Manager, Capability.UsersManage, true);
        await Get<IPermissionMatrix>().SetAsync(admin, Roles.Manager, Capability.ScopeAgency, true);
        var manager = await Given.UserAsync(Roles.Manager);

        await Directory.SetActiveAsync(manager, other.UserId, active: false);
        var error = await Assert.ThrowsAsync<ConflictException>(() => Directory.SetActiveAsync(manager, admin.UserId, active: false));

        Assert.Equal(ErrorCodes.LastAdmin, error.Code);
        Assert.True((await Given.ActorAsync(admin.UserId)).IsActive);
        Assert.False((await Given.ActorAsync(other.UserId)).IsActive);
    }

    [Fact]
    public async Task A_deactivated_admin_does_not_count_as_the_other_admin()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var dormant = await Given.UserAsync(Roles.Admin);
        await Directory.SetActiveAsync(admin, dormant.UserId, active: false);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Directory.SetRolesAsync(admin, admin.UserId, [Roles.BusinessDeveloper]));

        Assert.Equal(ErrorCodes.LastAdmin, error.Code);
        // A deactivated admin may be demoted: it takes no one's access away.
        await Directory.SetRolesAsync(admin, dormant.UserId, [Roles.BusinessDeveloper]);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        for (var round = 0; round < 5; round++)
        {
            await Fixture.ResetAsync();
            var first = await Given.UserAsync(Roles.Admin);
            var second = await Given.UserAsync(Roles.Admin);

            var results = await Task.WhenAll(
                Outcome(() => Directory.SetRolesAsync(first, second.UserId, [Roles.Manager])),
                Outcome(() => Directory.SetRolesAsync(second, first.UserId, [Roles.Manager])));

            Assert.Equal(1, results.Count(r => r is null));
            Assert.Equal(ErrorCodes.LastAdmin, Assert.IsType<ConflictException>(results.Single(r => r is not null)).Code);
            await using var db = NewDb();
            var adminRole = await db.Roles.SingleAsync(r => r.Name == Roles.Admin);
            Assert.Equal(1, await db.UserRoles.CountAsync(ur => ur.RoleId == adminRole.Id));
        }

        static async Task<Exception?> Outcome(Func<Task> change)
        {
            try
            {
                await change();
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task A_role_change_is_audited_with_the_roles_before_and_after()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper, "promu@agence.fr");

        await Directory.SetRolesAsync(admin, bd.UserId, [Roles.Manager]);

        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "user.roles-changed");
        Assert.Equal((admin.UserId, bd.UserId, "promu@agence.fr"), (audit.ActorId, audit.EntityId, audit.TargetLabel));
        var details = JsonDocument.Parse(audit.Details!).RootElement;
        Assert.Equal([Roles.BusinessDeveloper], details.GetProperty("before").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([Roles.Manager], details.GetProperty("after").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Deactivation_releases_the_users_lead_locks_at_once_announced_and_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var colleague = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), assignees: [bd, colleague]);
        var leads = await Given.LeadsAsync(campaign, 3);
        var now = Fixture.Clock.GetUtcNow();
        await using (var db = NewDb())
        {
            await db.Leads.Where(l => l.Id != leads[2].Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LockedById, bd.UserId).SetProperty(l => l.LockedAt, now).SetProperty(l => l.LockExpiresAt, now.AddMinutes(10)));
            await db.Leads.Where(l => l.Id == leads[2].Id).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.LockedById, colleague.UserId).SetProperty(l => l.LockedAt, now).SetProperty(l => l.LockExpiresAt, now.AddMinutes(10)));
        }
        await Given.SessionAsync(bd.UserId);
        await using var events = await Fixture.RecordEventsAsync();

        await Directory.SetActiveAsync(admin, bd.UserId, active: false);

        await events.WaitForAsync<LeadUnlocked>(e => e.LeadId == leads[0].Id && e.CampaignId == campaign.Id);
        await events.WaitForAsync<LeadUnlocked>(e => e.LeadId == leads[1].Id);
        await events.WaitForAsync<AccessChanged>(e => e.UserId == bd.UserId);
        await using var check = NewDb();
        var locks = await check.Leads.OrderBy(l => l.Id).Select(l => new { l.Id, l.LockedById, l.LockedAt, l.LockExpiresAt }).ToListAsync();
        Assert.All(locks.Where(l => l.Id != leads[2].Id), l => Assert.Equal((null, null, null), (l.LockedById, l.LockedAt, l.LockExpiresAt)));
        Assert.Equal(colleague.UserId, locks.Single(l => l.Id == leads[2].Id).LockedById);
        Assert.DoesNotContain(events.Received, e => e is LeadUnlocked u && u.LeadId == leads[2].Id);
        Assert.False(await check.AuthSessions.AnyAsync());
        var audit = await check.AuditEvents.SingleAsync(e => e.Action == "user.deactivated");
        Assert.Equal((admin.UserId, bd.UserId), (audit.ActorId, audit.EntityId));

        await Directory.SetActiveAsync(admin, bd.UserId, active: true);

        Assert.True((await Given.ActorAsync(bd.UserId)).IsActive);
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == "user.reactivated" && e.EntityId == bd.UserId));
    }
}
