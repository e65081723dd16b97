using System.Net;
using System.Security.Claims;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Users;
using Facturix.Infrastructure.Users.Sessions;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.SignIn;

/// <summary>The ticket store against the real database, with the fixture's fake clock for the lifetimes.</summary>
public sealed class SessionStoreTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private DatabaseTicketStore Store => Get<DatabaseTicketStore>();

    [Fact]
    public async Task The_cookie_carries_an_id_and_the_ticket_comes_back_from_the_database_with_it()
    {
        var user = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        http.Request.Headers.UserAgent = "Chromium test";

        var key = await Store.StoreAsync(TicketFor(user.UserId), http, CancellationToken.None);
        var ticket = await ((ITicketStore)Store).RetrieveAsync(key, http, CancellationToken.None);

        Assert.True(Guid.TryParse(key, out var id));
        Assert.Equal(user.UserId.ToString(), ticket!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(key, ticket.Principal.FindFirstValue(SessionClaims.SessionId));
        await using var db = NewDb();
        var row = await db.AuthSessions.SingleAsync(s => s.Id == id);
        Assert.Equal(("203.0.113.7", "Chromium test"), (row.ClientIp, row.UserAgent));
        Assert.Equal(Fixture.Clock.GetUtcNow().AddHours(12), row.AbsoluteExpiresAt, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        Assert.DoesNotContain("Ticket", System.Text.Encoding.UTF8.GetString(row.Ticket)); // protected, not plain
    }

    [Fact]
    public async Task A_removed_session_is_refused_whoever_holds_its_id()
    {
        var user = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var key = await Store.StoreAsync(TicketFor(user.UserId));

        await Store.RemoveAsync(key);

        Assert.Null(await Store.RetrieveAsync(key));
        Assert.False(await Store.IsAliveAsync(Guid.Parse(key)));
    }

    [Fact]
    public async Task The_absolute_lifetime_ends_a_session_even_while_it_is_used()
    {
        var user = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var key = await Store.StoreAsync(TicketFor(user.UserId));

        // Used every 20 minutes (alternately by page loads and by an open circuit): the idle timeout never bites.
        for (var use = 1; use < 36; use++) // 35 × 20 min = 11 h 40
        {
            Fixture.Clock.Advance(TimeSpan.FromMinutes(20));
            var alive = use % 2 == 0 ? await Store.RetrieveAsync(key) is not null : await Store.IsAliveAsync(Guid.Parse(key));
            Assert.True(alive, $"refused after {use * 20} minutes");
        }

        Fixture.Clock.Advance(TimeSpan.FromMinutes(20)); // 12 h since sign-in
        Assert.Null(await Store.RetrieveAsync(key));
        Assert.False(await Store.IsAliveAsync(Guid.Parse(key)));
    }

    [Fact]
    public async Task An_unused_session_ends_after_the_idle_timeout()
    {
        var user = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var key = await Store.StoreAsync(TicketFor(user.UserId));

        Fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await Store.RetrieveAsync(key));
        Fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await Store.RetrieveAsync(key)); // the use above slid it
        Fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(await Store.RetrieveAsync(key));
    }

    [Fact]
    public async Task A_deactivated_user_has_no_session_left_and_each_revocation_is_audited()
    {
        var admin = await Given.UserAsync(Domain.Users.Roles.Admin);
        var user = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var first = await Store.StoreAsync(TicketFor(user.UserId));
        var second = await Store.StoreAsync(TicketFor(user.UserId));

        await Get<Domain.Users.IUserDirectory>().SetActiveAsync(admin, user.UserId, active: false);

        Assert.Null(await Store.RetrieveAsync(first));
        Assert.Null(await Store.RetrieveAsync(second));
        await using var db = NewDb();
        Assert.False(await db.AuthSessions.AnyAsync(s => s.UserId == user.UserId));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == SessionRevocation.AuditAction && e.EntityId == user.UserId));
    }

    [Fact]
    public async Task A_password_reset_through_identity_ends_every_session_of_the_user()
    {
        var user = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var other = await Given.UserAsync(Domain.Users.Roles.BusinessDeveloper);
        var key = await Store.StoreAsync(TicketFor(user.UserId));
        var othersKey = await Store.StoreAsync(TicketFor(other.UserId));

        await using var identity = IdentityServices();
        using var scope = identity.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var appUser = await users.FindByIdAsync(user.UserId.ToString());
        var token = await users.GeneratePasswordResetTokenAsync(appUser!);
        var reset = await users.ResetPasswordAsync(appUser!, token, "A-New-Password-42");

        Assert.True(reset.Succeeded, string.Join("; ", reset.Errors.Select(e => e.Description)));
        Assert.Null(await Store.RetrieveAsync(key));
        Assert.NotNull(await Store.RetrieveAsync(othersKey));
        await using var db = NewDb();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == SessionEndingUserStore.PasswordChangedAction && e.EntityId == user.UserId));
    }

    [Fact]
    public async Task A_database_that_does_not_answer_makes_a_request_anonymous_not_a_server_error()
    {
        await using var unreachable = new ServiceCollection()
            .AddLogging()
            .AddFacturixInfrastructure("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=x;Timeout=2")
            .BuildServiceProvider();
        var store = unreachable.GetRequiredService<DatabaseTicketStore>();

        Assert.Null(await store.RetrieveAsync(Guid.NewGuid().ToString()));
        // A circuit's check does throw: the circuit decides, with its one interval of grace (SessionCheckGrace).
        await Assert.ThrowsAnyAsync<Exception>(() => store.IsAliveAsync(Guid.NewGuid()));
    }

    /// <summary>Identity wired as the app wires it, on this fixture's database and clock.</summary>
    private ServiceProvider IdentityServices() =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddSingleton<TimeProvider>(Fixture.Clock)
            .AddFacturixInfrastructure(Fixture.ConnectionString)
            .AddFacturixIdentity()
            .BuildServiceProvider();

    private static AuthenticationTicket TicketFor(Guid userId) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "Identity.Application")),
            new AuthenticationProperties(), "Identity.Application");
}
