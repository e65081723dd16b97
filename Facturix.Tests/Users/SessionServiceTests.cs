using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Users.Sessions;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>What ending a session leaves behind: no row, an audit line per session, and open tabs told at once.</summary>
public sealed class SessionServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ISessionService Sessions => Get<ISessionService>();

    [Fact]
    public async Task An_admin_ends_one_session_of_someone_audited_and_announced()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var ended = await Given.SessionAsync(bd.UserId);
        var kept = await Given.SessionAsync(bd.UserId);
        await using var events = await Fixture.RecordEventsAsync();

        await Sessions.EndAsync(admin, ended);

        await events.WaitForAsync<AccessChanged>(e => e.UserId == bd.UserId);
        Assert.Equal([kept], (await Sessions.ListAsync(admin, bd.UserId)).Select(s => s.Id));
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == SessionRevocation.AuditAction);
        Assert.Equal((admin.UserId, bd.UserId), (audit.ActorId, audit.EntityId));
        var details = JsonDocument.Parse(audit.Details!).RootElement;
        Assert.Equal(ended, details.GetProperty("session").GetGuid());
        // The device whose session ended.
        Assert.Equal(("192.0.2.7", "test"), (details.GetProperty("ip").GetString(), details.GetProperty("userAgent").GetString()));
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_only_ones_own_sessions()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var colleague = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.SessionAsync(bd.UserId);
        await Given.SessionAsync(bd.UserId);
        var colleagues = await Given.SessionAsync(colleague.UserId);

        Assert.Equal(2, await Sessions.EndAllAsync(bd, bd.UserId));

        Assert.Empty(await Sessions.ListAsync(bd, bd.UserId));
        Assert.Equal([colleagues], (await Sessions.ListAsync(colleague, colleague.UserId)).Select(s => s.Id));
    }

    [Fact]
    public async Task A_session_already_gone_is_not_found()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var session = await Given.SessionAsync(bd.UserId);
        await Sessions.EndAsync(bd, session);

        await Assert.ThrowsAsync<NotFoundException>(() => Sessions.EndAsync(bd, session));
    }

    [Fact]
    public async Task Expired_sessions_are_not_listed()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        await Given.SessionAsync(bd.UserId);

        Fixture.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Empty(await Sessions.ListAsync(bd, bd.UserId));
    }
}
