using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Users;
using Facturix.Infrastructure.Users.Sessions;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Users;

/// <summary>
/// Staff management through <see cref="IUserDirectory"/>: creating someone with a generated first password, resetting
/// it, changing roles, deactivating; each audited, announced, and never leaving the agency without an active admin.
/// </summary>
public sealed class UserManagementTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private IUserDirectory Directory => Get<IUserDirectory>();

    [Fact]
    public async Task A_created_user_gets_a_generated_password_that_passes_the_policy_and_signs_in()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await using var events = await Fixture.RecordEventsAsync();

        var created = await Directory.CreateAsync(admin, new NewUserInput { Email = "  Camille.Roux@Agence.fr ", DisplayName = " Camille Roux ", Role = Roles.Manager });

        await events.WaitForAsync<AccessChanged>(e => e.UserId == created.UserId);
        await using var identity = IdentityServices();
        using var scope = identity.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("camille.roux@agence.fr");
        Assert.NotNull(user);
        Assert.Equal((created.UserId, "Camille.Roux@Agence.fr", "Camille Roux"), (user.Id, user.Email, user.DisplayName));
        Assert.True(await users.CheckPasswordAsync(user, created.FirstPassword));
        Assert.False(await users.CheckPasswordAsync(user, created.FirstPassword + "x"));
        foreach (var validator in users.PasswordValidators)
            Assert.True((await validator.ValidateAsync(users, user, created.FirstPassword)).Succeeded);
        Assert.IsType<PasswordPolicyValidator>(Assert.Single(users.PasswordValidators));
        Assert.True(created.FirstPassword.Length >= 20);
        Assert.Equal([Roles.Manager], await users.GetRolesAsync(user));
        Assert.True((await Given.ActorAsync(created.UserId)).IsActive);

        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "user.created");
        Assert.Equal((admin.UserId, created.UserId, "Camille.Roux@Agence.fr"), (audit.ActorId, audit.EntityId, audit.TargetLabel));
        Assert.DoesNotContain(created.FirstPassword, audit.Details);
    }

    [Fact]
    public async Task Two_created_users_get_different_passwords()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var first = await Directory.CreateAsync(admin, new NewUserInput { Email = "a1@agence.fr", DisplayName = "A" });
        var second = await Directory.CreateAsync(admin, new NewUserInput { Email = "a2@agence.fr", DisplayName = "B" });

        Assert.NotEqual(first.FirstPassword, second.FirstPassword);
    }

    [Fact]
    public async Task An_email_already_in_use_is_refused_on_the_email_field_whatever_its_case()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var existing = await Given.UserAsync(Roles.BusinessDeveloper, "taken@agence.fr");

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Directory.CreateAsync(admin, new NewUserInput { Email = "TAKEN@agence.fr", DisplayName = "Copie" }));

        var failure = Assert.Single(error.Errors);
        Assert.Equal((nameof(NewUserInput.Email), ErrorCodes.UserEmailTaken), (failure.PropertyName, failure.ErrorCode));
        await using var db = NewDb();
        Assert.Equal(2, await db.Users.CountAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "user.created"));
        Assert.NotEqual(Guid.Empty, existing.UserId);
    }

    [Fact]
    public async Task The_service_runs_the_validator_again()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Directory.CreateAsync(admin, new NewUserInput { Email = "not an email", DisplayName = "", Role = "Boss" }));

        Assert.Equal(["user.display-name.required", "user.email.format", "user.role.unknown"], error.Errors.Select(e => e.ErrorCode).Order());
        await using var db = NewDb();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task A_password_reset_gives_a_new_password_ends_that_users_sessions_and_is_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var created = await Directory.CreateAsync(admin, new NewUserInput { Email = "reset@agence.fr", DisplayName = "Reset" });
        await Given.SessionAsync(created.UserId);
        await Given.SessionAsync(created.UserId);
        var othersSession = await Given.SessionAsync(admin.UserId);
        await using var events = await Fixture.RecordEventsAsync();

        var password = await Directory.ResetPasswordAsync(admin, created.UserId);

        await events.WaitForAsync<AccessChanged>(e => e.UserId == created.UserId);
        Assert.NotEqual(created.FirstPassword, password);
        await using var identity = IdentityServices();
        using var scope = identity.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(created.UserId.ToString()))!;
        Assert.True(await users.CheckPasswordAsync(user, password));
        Assert.False(await users.CheckPasswordAsync(user, created.FirstPassword));
        await using var db = NewDb();
        Assert.Equal([othersSession], await db.AuthSessions.Select(s => s.Id).ToListAsync());
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == SessionRevocation.AuditAction && e.EntityId == created.UserId));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "user.password-reset");
        Assert.Equal((admin.UserId, created.UserId), (audit.ActorId, audit.EntityId));
        Assert.DoesNotContain(password, audit.Details ?? "");
    }

    [Fact]
    public async Task An_admin_cannot_reset_their_own_password_from_the_staff_list()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Directory.ResetPasswordAsync(admin, admin.UserId));

        Assert.Equal(ErrorCodes.SelfPasswordReset, error.Code);
    }

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

    [Fact]
    public async Task A_manager_is_refused_every_change_and_the_list()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var manager = await Given.UserAsync(Roles.Manager);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);

        await Assert.ThrowsAsync<ForbiddenException>(() => Directory.ListAsync(manager));
        await Assert.ThrowsAsync<ForbiddenException>(() => Directory.CreateAsync(manager, new NewUserInput { Email = "x@agence.fr", DisplayName = "X" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => Directory.SetRolesAsync(manager, bd.UserId, [Roles.Admin]));
        await Assert.ThrowsAsync<ForbiddenException>(() => Directory.SetActiveAsync(manager, bd.UserId, false));
        await Assert.ThrowsAsync<ForbiddenException>(() => Directory.ResetPasswordAsync(manager, bd.UserId));

        await using var db = NewDb();
        Assert.Equal(3, await db.Users.CountAsync());
        Assert.False(await db.AuditEvents.AnyAsync());
        Assert.NotEqual(admin.UserId, manager.UserId);
    }

    /// <summary>Identity wired as the app wires it (with the sign-in policy), on this fixture's database and clock.</summary>
    private ServiceProvider IdentityServices()
    {
        var configuration = new ConfigurationBuilder().Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(Fixture.Clock)
            .AddFacturixInfrastructure(Fixture.ConnectionString)
            .AddFacturixIdentity()
            .AddFacturixSignIn(configuration)
            .BuildServiceProvider();
    }
}
