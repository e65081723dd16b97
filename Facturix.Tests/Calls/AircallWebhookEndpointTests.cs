using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Net;
using System.Text;
using Facturix.Domain.Activities;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Calls;

/// <summary>
/// Aircall's documented payloads replayed against the real <c>POST /webhooks/aircall</c> of the running app: at-least-once
/// and out-of-order delivery give one call activity per call, completed as events arrive; a bad token stores nothing.
/// </summary>
public sealed class AircallWebhookEndpointTests(AircallAppFixture fixture) : IClassFixture<AircallAppFixture>
{
    private static long _nextCallId = 9_100_000;
    private static long NewCallId() => Interlocked.Increment(ref _nextCallId);

    [Fact]
    public async Task Documented_events_in_order_make_one_completed_call_activity_on_the_lead()
    {
        var callId = NewCallId();

        foreach (var body in AircallPayloads.AnsweredCall(callId, AircallAppFixture.WebhookToken, AircallAppFixture.AircallUserId))
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await PostAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Aircall waits 5 s and disables a failing webhook: the endpoint only stores.
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1), "the webhook answered in under a second");
        }

        var activity = await CompletedActivityAsync(callId);
        Assert.Equal(fixture.LeadId, activity.LeadId);
        Assert.Equal(fixture.CampaignId, activity.CampaignId);
        Assert.Equal(fixture.BdId, activity.UserId);
        Assert.Equal(ActivityKind.Call, activity.Kind);
        Assert.Equal(CallDirection.Outbound, activity.Direction);
        Assert.Null(activity.Outcome); // answered: the BD logs the outcome in the workspace
        Assert.Equal(AircallAppFixture.LeadPhone, activity.Subject);
        Assert.Equal("Rappeler jeudi\n#Intéressé", activity.Body);
        // The expiring S3 link is not stored; a pointer is, resolved to a fresh link when played.
        Assert.Equal($"aircall://calls/{callId}/recording", activity.RecordingUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(AircallPayloads.Started), activity.OccurredAt);
        await using var db = fixture.NewDb();
        Assert.Equal(1, await ActivitiesOfAsync(db, callId));
        var events = await db.AircallEvents.Where(e => e.CallId == callId).ToListAsync();
        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.DoesNotContain(AircallAppFixture.WebhookToken, e.Payload));
    }

    [Fact]
    public async Task Events_out_of_order_and_delivered_twice_give_the_same_single_completed_activity()
    {
        var callId = NewCallId();
        var bodies = AircallPayloads.AnsweredCall(callId, AircallAppFixture.WebhookToken, AircallAppFixture.AircallUserId);
        // Tagged first, ended before created, everything twice, some of it concurrently.
        var shuffled = new[] { 5, 3, 0, 4, 2, 1 }.Select(i => bodies[i]).ToList();
        foreach (var body in shuffled)
        {
            using var response = await PostAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var replies = await Task.WhenAll(shuffled.Select(PostAsync));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var reply in replies) reply.Dispose();

        var activity = await CompletedActivityAsync(callId);
        Assert.Equal(fixture.LeadId, activity.LeadId);
        Assert.Equal(CallDirection.Outbound, activity.Direction);
        Assert.Null(activity.Outcome);
        Assert.Equal("Rappeler jeudi\n#Intéressé", activity.Body);
        await using var db = fixture.NewDb();
        Assert.Equal(1, await ActivitiesOfAsync(db, callId));
        Assert.Equal(6, await db.AircallEvents.CountAsync(e => e.CallId == callId));
    }

    [Fact]
    public async Task A_missed_inbound_call_is_completed_with_its_reason()
    {
        var callId = NewCallId();
        foreach (var body in AircallPayloads.MissedInboundCall(callId, AircallAppFixture.WebhookToken, AircallAppFixture.AircallUserId))
        {
            using var response = await PostAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var activity = await Eventually.HoldsAsync(() => ActivityAsync(callId), a => a?.DurationSeconds == 135, "the missed call completed");
        Assert.Equal(CallDirection.Inbound, activity!.Direction);
        Assert.Equal(CallOutcome.NoAnswer, activity.Outcome);
        Assert.Equal("missed: agents_did_not_answer", activity.Body);
        Assert.Null(activity.RecordingUrl);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("whk_4f1c1d3e0b6a4d2c9e8")] // a prefix of the real token
    [InlineData("")]
    [InlineData(null)]
    public async Task A_wrong_or_missing_token_is_refused_with_401_and_nothing_is_stored(string? token)
    {
        var callId = NewCallId();
        var body = AircallPayloads.Event("call.created", callId, token ?? "", AircallAppFixture.AircallUserId);
        if (token is null) body = body.Replace($",\"token\":\"\"", "", StringComparison.Ordinal);

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = fixture.NewDb();
        Assert.Equal(0, await db.AircallEvents.CountAsync(e => e.CallId == callId));
        Assert.Equal(0, await ActivitiesOfAsync(db, callId));
    }

    private Task<HttpResponseMessage> PostAsync(string body) =>
        fixture.Http.PostAsync("/webhooks/aircall", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<Activity> CompletedActivityAsync(long callId) =>
        (await Eventually.HoldsAsync(() => ActivityAsync(callId),
            a => a is { DurationSeconds: 135, Body: "Rappeler jeudi\n#Intéressé" }, $"call {callId} completed"))!;

    private async Task<Activity?> ActivityAsync(long callId)
    {
        await using var db = fixture.NewDb();
        var id = callId.ToString(CultureInfo.InvariantCulture);
        return await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.ExternalSource == "aircall" && a.ExternalId == id);
    }

    private static Task<int> ActivitiesOfAsync(Facturix.Infrastructure.Database.FacturixDb db, long callId)
    {
        var id = callId.ToString(CultureInfo.InvariantCulture);
        return db.Activities.CountAsync(a => a.ExternalSource == "aircall" && a.ExternalId == id);
    }
}
