using System.Net;
using System.Text;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Calls;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Facturix.Tests.Calls;

/// <summary>
/// Click-to-dial and recording links against Aircall's API played by a local WireMock server answering as Aircall
/// documents: 204 for a dial, <c>{"call": {...}}</c> for a call, and its errors (400 user not available, 404, 429 with
/// the <c>X-AircallApi-*</c> headers). Nothing is ever retried.
/// </summary>
public sealed class AircallApiTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string ApiId = "a1b2c3d4e5f6";
    private const string ApiToken = "tok_9f8e7d6c5b4a";
    // Long enough that the protected value (base64url of random bytes) cannot hold it by chance: "whk" once did.
    private const string WebhookToken = "whk_3c2b1a0f9e8d";
    private const long AircallUser = 123456;
    private WireMockServer _aircall = null!;
    private AircallOptions Options => Get<IOptionsMonitor<AircallOptions>>().CurrentValue;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _aircall = WireMockServer.Start();
        // The deployment setting tests give (Facturix:Aircall:BaseUrl): this fixture's provider has no configuration.
        Options.BaseUrl = _aircall.Url;
        var admin = await Given.UserAsync(Roles.Admin);
        await Get<IAircallSettingsService>().SaveAsync(admin, new AircallSettingsInput { ApiId = ApiId, ApiToken = ApiToken, WebhookToken = WebhookToken });
    }

    public override Task DisposeAsync()
    {
        Options.BaseUrl = null;
        Options.ApiToken = null;
        _aircall.Stop();
        _aircall.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Dial_posts_the_leads_E164_number_to_the_linked_users_dial_endpoint_with_basic_auth()
    {
        var (bd, leadId) = await LinkedBdWithLeadAsync();
        _aircall.Given(Request.Create().WithPath($"/v1/users/{AircallUser}/dial").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(204));

        Assert.True(await Get<ICallService>().CanDialAsync(bd));
        await Get<ICallService>().DialAsync(bd, leadId);

        var request = Assert.Single(_aircall.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal("{\"to\":\"+33612345678\"}", request.Body);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiId}:{ApiToken}"));
        Assert.Equal($"Basic {basic}", request.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task A_429_says_when_Aircall_takes_requests_again_from_X_AircallApi_Reset_and_is_not_retried()
    {
        var (bd, leadId) = await LinkedBdWithLeadAsync();
        var reset = DateTimeOffset.UtcNow.AddSeconds(42);
        _aircall.Given(Request.Create().WithPath($"/v1/users/{AircallUser}/dial").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429)
                .WithHeader("X-AircallApi-Limit", "60").WithHeader("X-AircallApi-Remaining", "0")
                .WithHeader("X-AircallApi-Reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithBody("{\"error\":\"Too many requests\",\"troubleshoot\":\"Rate limit reached\"}"));

        var error = await Assert.ThrowsAsync<AircallException>(() => Get<ICallService>().DialAsync(bd, leadId));

        Assert.Equal(AircallErrors.RateLimited, error.Code);
        Assert.Equal(reset.ToUnixTimeSeconds(), error.RetryAt!.Value.ToUnixTimeSeconds());
        Assert.Single(_aircall.LogEntries);
    }

    [Theory]
    [InlineData(404, "{\"error\":\"Not found\",\"troubleshoot\":\"Check the user id\"}", AircallErrors.NotFound)]
    [InlineData(400, "{\"error\":\"User not available\",\"troubleshoot\":\"User must be online and not in a call\"}", AircallErrors.UserUnavailable)]
    [InlineData(403, "{\"error\":\"Forbidden\",\"troubleshoot\":\"Check your API key\"}", AircallErrors.BadCredentials)]
    [InlineData(503, "", AircallErrors.Unavailable)]
    public async Task Aircall_errors_become_a_clear_code_and_are_not_retried(int status, string body, string code)
    {
        var (bd, leadId) = await LinkedBdWithLeadAsync();
        _aircall.Given(Request.Create().WithPath($"/v1/users/{AircallUser}/dial").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = await Assert.ThrowsAsync<AircallException>(() => Get<ICallService>().DialAsync(bd, leadId));

        Assert.Equal(code, error.Code);
        Assert.Single(_aircall.LogEntries);
    }

    [Fact]
    public async Task Without_a_linked_Aircall_user_there_is_no_dial_and_the_button_falls_back_to_tel()
    {
        var (bd, leadId) = await LinkedBdWithLeadAsync(link: false);

        Assert.False(await Get<ICallService>().CanDialAsync(bd));
        var error = await Assert.ThrowsAsync<AircallException>(() => Get<ICallService>().DialAsync(bd, leadId));
        Assert.Equal(AircallErrors.NoLinkedUser, error.Code);
        Assert.Empty(_aircall.LogEntries);
    }

    [Fact]
    public async Task A_recording_is_played_from_a_fresh_link_asked_of_Aircall_when_someone_plays_it()
    {
        var (bd, leadId) = await LinkedBdWithLeadAsync();
        var activityId = await CallActivityAsync(leadId, 777001, "aircall://calls/777001/recording");
        const string fresh = "https://aircall-recordings.s3.amazonaws.com/777001.mp3?X-Amz-Expires=600&X-Amz-Signature=fresh";
        _aircall.Given(Request.Create().WithPath("/v1/calls/777001").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$$"""{"call":{"id":777001,"direction":"outbound","status":"done","duration":135,"recording":"{{{fresh}}}","voicemail":null,"raw_digits":"+33 6 12 34 56 78"}}"""));

        var link = await Get<ICallService>().GetRecordingLinkAsync(bd, activityId);

        Assert.Equal(fresh, link.Url);
        Assert.False(link.IsVoicemail);
        Assert.Single(_aircall.LogEntries);
    }

    [Fact]
    public async Task A_voicemail_is_played_when_the_call_has_no_recording_and_a_call_Aircall_no_longer_knows_is_not_found()
    {
        var (bd, leadId) = await LinkedBdWithLeadAsync();
        var voicemailCall = await CallActivityAsync(leadId, 777002, "aircall://calls/777002/voicemail");
        var goneCall = await CallActivityAsync(leadId, 777003, "aircall://calls/777003/recording");
        _aircall.Given(Request.Create().WithPath("/v1/calls/777002").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"call":{"id":777002,"recording":null,"voicemail":"https://aircall-voicemails.s3.amazonaws.com/777002.mp3"}}"""));
        _aircall.Given(Request.Create().WithPath("/v1/calls/777003").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"error":"Not found","troubleshoot":"Check the call id"}"""));

        var voicemail = await Get<ICallService>().GetRecordingLinkAsync(bd, voicemailCall);
        var gone = await Assert.ThrowsAsync<AircallException>(() => Get<ICallService>().GetRecordingLinkAsync(bd, goneCall));

        Assert.True(voicemail.IsVoicemail);
        Assert.Equal(AircallErrors.NotFound, gone.Code);
    }

    [Fact]
    public async Task Secrets_are_encrypted_at_rest_and_a_blank_field_keeps_the_stored_one()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await using (var db = NewDb())
        {
            var row = await db.AircallSettings.AsNoTracking().SingleAsync();
            Assert.Equal(ApiId, row.ApiId);
            Assert.NotNull(row.ApiTokenProtected);
            Assert.DoesNotContain(ApiToken, row.ApiTokenProtected);
            Assert.DoesNotContain(WebhookToken, row.WebhookTokenProtected!);
            var audit = await db.AuditEvents.AsNoTracking().Where(a => a.Action == "aircall.settings-changed").ToListAsync();
            Assert.All(audit, a => Assert.DoesNotContain(ApiToken, a.Details ?? ""));
        }

        await Get<IAircallSettingsService>().SaveAsync(admin, new AircallSettingsInput { ApiId = "new-id", ApiToken = " ", WebhookToken = null });

        var credentials = await Get<AircallCredentials>().GetAsync();
        Assert.Equal(("new-id", ApiToken, WebhookToken), (credentials.ApiId, credentials.ApiToken, credentials.WebhookToken));
        var view = await Get<IAircallSettingsService>().GetAsync(admin);
        Assert.True(view is { HasApiToken: true, HasWebhookToken: true, ApiFromConfiguration: false });
    }

    [Fact]
    public async Task Configuration_wins_over_the_stored_credentials()
    {
        Options.ApiToken = "from-configuration";

        var credentials = await Get<AircallCredentials>().GetAsync();

        Assert.Equal("from-configuration", credentials.ApiToken);
        Assert.Equal(ApiId, credentials.ApiId);
    }

    private async Task<(Actor Bd, Guid LeadId)> LinkedBdWithLeadAsync(bool link = true)
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        if (link) await Get<IAircallUserLink>().SetAsync(bd, AircallUser);
        return (bd, lead.Id);
    }

    private async Task<Guid> CallActivityAsync(Guid leadId, long callId, string pointer)
    {
        await using var db = NewDb();
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = lead.CampaignId, AccountId = lead.AccountId, Kind = ActivityKind.Call,
            ExternalSource = "aircall", ExternalId = callId.ToString(System.Globalization.CultureInfo.InvariantCulture), RecordingUrl = pointer,
            OccurredAt = Fixture.Clock.GetUtcNow(), CreatedAt = Fixture.Clock.GetUtcNow(),
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    [Fact]
    public async Task An_Aircall_user_linked_to_someone_else_at_the_same_moment_is_refused_as_taken()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var colleague = await Given.UserAsync(Roles.BusinessDeveloper);

        var refused = await LostRace.RunAsync<ConflictException>(Fixture,
            db => db.Users.Where(u => u.Id == colleague.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AircallUserId, AircallUser)),
            () => Get<IAircallUserLink>().SetAsync(bd, AircallUser));

        Assert.Equal(AircallErrors.UserIdTaken, refused.Code);
        await using var check = NewDb();
        Assert.Null(await check.Users.Where(u => u.Id == bd.UserId).Select(u => u.AircallUserId).SingleAsync());
    }
}
