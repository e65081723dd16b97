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
/// Staff management through <see cref="IUserDirectory"/>: creating someone with a generated first password and
/// resetting it, each audited and announced, and refused to a manager. Roles, deactivation and the last active admin:
/// <see cref="UserRolesAndActivationTests"/>.
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
    public async Task An_email_with_a_control_character_or_too_long_once_normalized_is_refused_with_its_code()
    {
        var admin = await Given.UserAsync(Roles.Admin);

        // The NUL passed the pattern and PostgreSQL refused the "email taken" lookup: an unexpected error, not a message.
        var nul = await Assert.ThrowsAsync<ValidationException>(() =>
            Directory.CreateAsync(admin, new NewUserInput { Email = "a\0b@agence.fr", DisplayName = "A", Role = Roles.BusinessDeveloper }));
        Assert.Equal(["user.email.format"], nul.Errors.Select(e => e.ErrorCode));
        // 91 characters typed, 263 once normalized (Identity's column holds 256).
        var wide = await Assert.ThrowsAsync<ValidationException>(() => Directory.CreateAsync(admin,
            new NewUserInput { Email = string.Concat(Enumerable.Repeat("\uFB2C", 86)) + "@a.fr", DisplayName = "A", Role = Roles.BusinessDeveloper }));
        Assert.Equal(["user.email.too-long"], wide.Errors.Select(e => e.ErrorCode));
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
