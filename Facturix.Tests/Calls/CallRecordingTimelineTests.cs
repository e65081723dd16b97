using System.Globalization;
using System.Security.Claims;
using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Calls;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Facturix.Tests.Calls;

/// <summary>
/// Issue 14: Aircall's recording links expire within minutes, so the lead timeline keeps only the call id and asks Aircall
/// for a fresh link on every "play". The timeline is rendered with bUnit over the real lead and call services and the
/// real database; Aircall's API is played by WireMock (as in <see cref="AircallApiTests"/>).
/// </summary>
public sealed class CallRecordingTimelineTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    /// <summary>Waits spanning a real HTTP round trip to WireMock (bUnit's default second is short on a busy machine).</summary>
    private static readonly TimeSpan Aircall = TimeSpan.FromSeconds(15);
    private WireMockServer _aircall = null!;
    private AircallOptions Options => Get<IOptionsMonitor<AircallOptions>>().CurrentValue;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _aircall = WireMockServer.Start();
        Options.BaseUrl = _aircall.Url;
        var admin = await Given.UserAsync(Roles.Admin);
        await Get<IAircallSettingsService>().SaveAsync(admin, new AircallSettingsInput { ApiId = "a1b2c3", ApiToken = "tok_1", WebhookToken = "whk" });
    }

    public override Task DisposeAsync()
    {
        Options.BaseUrl = null;
        _aircall.Stop();
        _aircall.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Playing_an_Aircall_call_shows_the_fresh_link_Aircall_returns_and_asks_again_on_every_play()
    {
        var (bd, leadId) = await BdWithLeadAsync();
        var aircallCall = await CallActivityAsync(leadId, 888001, "aircall");
        var typedCall = await CallActivityAsync(leadId, null, null);
        const string first = "https://aircall-recordings.s3.amazonaws.com/888001.mp3?X-Amz-Signature=first";
        const string second = "https://aircall-recordings.s3.amazonaws.com/888001.mp3?X-Amz-Signature=second";
        AnswerCall(888001, first, null);
        await using var ui = new Ui(this);
        ui.SignInAs(bd);
        var cut = ui.Render<LeadTimeline>(p => p.Add(t => t.LeadId, leadId));
        cut.WaitForElement($"[data-activity-id='{aircallCall}']");

        // A call typed in Facturix has nothing at Aircall to play.
        Assert.Empty(cut.FindAll($"[data-activity-id='{typedCall}'] [data-testid=call-recording]"));
        Assert.Empty(cut.FindAll("[data-testid=call-recording-player]"));
        Assert.Empty(_aircall.LogEntries); // nothing asked before someone plays

        cut.Find($"[data-activity-id='{aircallCall}'] [data-testid=call-recording]").Click();

        cut.WaitForAssertion(() => Assert.Equal(first,
            cut.Find($"[data-activity-id='{aircallCall}'] [data-testid=call-recording-player]").GetAttribute("src")), Aircall);
        Assert.Equal("audio", cut.Find("[data-testid=call-recording-player]").TagName.ToLowerInvariant());
        Assert.Equal("false", cut.Find("[data-testid=call-recording-player]").GetAttribute("data-voicemail"));

        // The first link has expired by the next play: a new one is asked for, never reused.
        _aircall.Reset();
        AnswerCall(888001, second, null);
        cut.Find($"[data-activity-id='{aircallCall}'] [data-testid=call-recording]").Click();

        cut.WaitForAssertion(() => Assert.Equal(second, cut.Find("[data-testid=call-recording-player]").GetAttribute("src")), Aircall);
        var request = Assert.Single(_aircall.LogEntries).RequestMessage;
        Assert.Equal("/v1/calls/888001", request.Path);
    }

    [Fact]
    public async Task A_call_without_recording_or_voicemail_shows_the_localized_error_toast_and_no_player()
    {
        var (bd, leadId) = await BdWithLeadAsync();
        var call = await CallActivityAsync(leadId, 888002, "aircall");
        AnswerCall(888002, null, null);
        await using var ui = new Ui(this);
        ui.SignInAs(bd);
        var snackbar = ui.Render<MudSnackbarProvider>();
        var cut = ui.Render<LeadTimeline>(p => p.Add(t => t.LeadId, leadId));

        cut.WaitForElement($"[data-activity-id='{call}'] [data-testid=call-recording]").Click();

        snackbar.WaitForAssertion(() =>
        {
            var toast = snackbar.Find("[data-testid=toast]");
            Assert.Equal("error", toast.GetAttribute("data-severity"));
            Assert.Contains("n'a pas (ou plus) d'enregistrement", toast.TextContent);
        }, Aircall);
        Assert.Empty(cut.FindAll("[data-testid=call-recording-player]"));
        Assert.Single(_aircall.LogEntries);
    }

    private void AnswerCall(long callId, string? recording, string? voicemail) =>
        _aircall.Given(Request.Create().WithPath($"/v1/calls/{callId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$$"""{"call":{"id":{{{callId}}},"direction":"outbound","status":"done","duration":95,"recording":{{{Json(recording)}}},"voicemail":{{{Json(voicemail)}}}}}"""));

    private static string Json(string? value) => value is null ? "null" : $"\"{value}\"";

    private async Task<(Actor Bd, Guid LeadId)> BdWithLeadAsync()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active, bd);
        return (bd, (await Given.LeadsAsync(campaign, 1)).Single().Id);
    }

    /// <summary>A call activity as Aircall's webhook leaves it (source and call id), or typed in Facturix (no source).</summary>
    private async Task<Guid> CallActivityAsync(Guid leadId, long? callId, string? source)
    {
        await using var db = NewDb();
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = lead.CampaignId, AccountId = lead.AccountId, Kind = ActivityKind.Call,
            Outcome = CallOutcome.Interested, DurationSeconds = 95, Direction = CallDirection.Outbound,
            ExternalSource = source, ExternalId = callId?.ToString(CultureInfo.InvariantCulture),
            RecordingUrl = callId is null ? null : $"aircall://calls/{callId}/recording",
            OccurredAt = Fixture.Clock.GetUtcNow(), CreatedAt = Fixture.Clock.GetUtcNow(),
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }

    /// <summary>The app's shell for bUnit over the fixture's real services, signed in as a real user (scope follows their id).</summary>
    private sealed class Ui(CallRecordingTimelineTests test) : ShellTestContext(services =>
    {
        services.AddSingleton(test.Get<ILeadService>());
        services.AddSingleton(test.Get<ICallService>());
    })
    {
        public void SignInAs(Actor actor)
        {
            Actors.Set(actor);
            Auth.SetAuthorized(actor.Email);
            Auth.SetRoles([.. actor.Roles]);
            Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId.ToString()), new Claim(ClaimTypes.Email, actor.Email));
        }
    }
}
