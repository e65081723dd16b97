using System.Globalization;
using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Calls;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Calls;

/// <summary>
/// Which lead a call lands on (the lead the BD holds, else a lead of the BD's campaigns with the call's number, else
/// unmatched), and the unmatched calls a manager attaches. Events go through the real ingest and processor.
/// </summary>
public sealed class AircallMatchingTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string Token = "whk_matching";
    private const long AircallUser = 31337;
    private static long _nextCallId = 8_200_000;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await Given.UserAsync(Roles.Admin);
        await Get<IAircallSettingsService>().SaveAsync(admin, new AircallSettingsInput { ApiId = "id", ApiToken = "t", WebhookToken = Token });
    }

    [Fact]
    public async Task The_lead_the_BD_holds_wins_over_a_lead_with_the_calls_number()
    {
        var (bd, campaign) = await LinkedBdAsync();
        var leads = await Given.LeadsAsync(campaign, 2);
        await SetPhoneAsync(leads[0].Id, "+33987654321");
        await SetPhoneAsync(leads[1].Id, "+33123456789");
        await LockAsync(leads[0].Id, bd.UserId);

        var activity = await ReplayAsync(AircallPayloads.AnsweredCall(NextCallId(), Token, AircallUser, "+33 1 23 45 67 89"));

        Assert.Equal(leads[0].Id, activity.LeadId);
        Assert.Equal(bd.UserId, activity.UserId);
    }

    [Fact]
    public async Task Without_a_held_lead_the_number_with_spaces_finds_the_lead_of_the_BDs_campaigns_only()
    {
        var (bd, campaign) = await LinkedBdAsync();
        var elsewhere = await Given.CampaignAsync(await Given.AccountAsync(), CampaignState.Active);
        var notTheirs = (await Given.LeadsAsync(elsewhere, 1)).Single();
        var theirs = (await Given.LeadsAsync(campaign, 2))[1];
        await SetPhoneAsync(notTheirs.Id, "+33123456789");
        await SetPhoneAsync(theirs.Id, "+33123456789");
        // An expired lease is no hold.
        await LockAsync((await Given.LeadsAsync(campaign, 1)).Single().Id, bd.UserId, expired: true);

        var activity = await ReplayAsync(AircallPayloads.AnsweredCall(NextCallId(), Token, AircallUser, "+33 1 23 45 67 89"));

        Assert.Equal(theirs.Id, activity.LeadId);
        Assert.Equal(campaign.Id, activity.CampaignId);
    }

    [Fact]
    public async Task A_call_nobody_recognises_is_unmatched_and_shown_to_managers_in_scope_only()
    {
        var account = await Given.AccountAsync();
        var (bd, _) = await LinkedBdAsync(account);
        var managerIn = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var managerOut = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), await Given.AccountAsync());
        var callId = NextCallId();

        var activity = await ReplayAsync(AircallPayloads.AnsweredCall(callId, Token, AircallUser, "+44 20 7946 0958"));

        Assert.Null(activity.LeadId);
        Assert.Equal(bd.UserId, activity.UserId);
        var seen = await Get<ICallService>().ListUnmatchedAsync(managerIn, new PageRequest());
        var row = Assert.Single(seen.Items);
        Assert.Equal((callId, "+442079460958", false), (row.CallId, row.Number, row.Missed));
        Assert.Empty((await Get<ICallService>().ListUnmatchedAsync(managerOut, new PageRequest())).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => Get<ICallService>().ListUnmatchedAsync(bd, new PageRequest()));
    }

    [Fact]
    public async Task A_call_of_an_unknown_Aircall_user_is_unmatched_and_only_agency_wide_scope_sees_it()
    {
        var account = await Given.AccountAsync();
        await LinkedBdAsync(account);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var admin = await Given.UserAsync(Roles.Admin);

        var activity = await ReplayAsync(AircallPayloads.AnsweredCall(NextCallId(), Token, aircallUserId: 999));

        Assert.Null(activity.LeadId);
        Assert.Null(activity.UserId);
        Assert.Empty((await Get<ICallService>().ListUnmatchedAsync(manager, new PageRequest())).Items);
        Assert.Single((await Get<ICallService>().ListUnmatchedAsync(admin, new PageRequest())).Items);
    }

    [Fact]
    public async Task A_manager_attaches_an_unmatched_call_found_by_phone_audited_and_later_events_keep_it_there()
    {
        var account = await Given.AccountAsync();
        var (_, campaign) = await LinkedBdAsync(account);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), account);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await SetPhoneAsync(lead.Id, "+33611223344");
        var callId = NextCallId();
        var bodies = AircallPayloads.AnsweredCall(callId, Token, AircallUser, "+44 20 7946 0958");
        var unmatched = await ReplayAsync(bodies.Take(4));

        var choice = Assert.Single(await Get<ICallService>().SearchLeadsAsync(manager, "06 11 22 33 44"));
        Assert.Equal(lead.Id, choice.Id);
        await Get<ICallService>().AttachAsync(manager, unmatched.Id, choice.Id);
        var completed = await ReplayAsync(bodies.Skip(4));

        Assert.Equal(lead.Id, completed.LeadId);
        Assert.Equal(campaign.Id, completed.CampaignId);
        Assert.Equal("Rappeler jeudi\n#Intéressé", completed.Body);
        Assert.Empty((await Get<ICallService>().ListUnmatchedAsync(manager, new PageRequest())).Items);
        await using (var db = NewDb())
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "call.attached" && a.EntityId == unmatched.Id && a.ActorId == manager.UserId));
        var again = await Assert.ThrowsAsync<ConflictException>(() => Get<ICallService>().AttachAsync(manager, unmatched.Id, lead.Id));
        Assert.Equal(AircallErrors.AlreadyAttached, again.Code);
    }

    [Fact]
    public async Task Processing_is_the_same_in_any_order_and_any_number_of_times()
    {
        var (_, campaign) = await LinkedBdAsync();
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await SetPhoneAsync(lead.Id, "+33123456789");
        var inOrder = await ReplayAsync(AircallPayloads.AnsweredCall(NextCallId(), Token, AircallUser));
        var reversed = await ReplayAsync(AircallPayloads.AnsweredCall(NextCallId(), Token, AircallUser).Reverse().Concat(
            AircallPayloads.AnsweredCall(_nextCallId, Token, AircallUser)));

        Assert.Equal(
            (inOrder.LeadId, inOrder.Direction, inOrder.Outcome, inOrder.DurationSeconds, inOrder.Body, inOrder.OccurredAt, inOrder.Subject),
            (reversed.LeadId, reversed.Direction, reversed.Outcome, reversed.DurationSeconds, reversed.Body, reversed.OccurredAt, reversed.Subject));
        await using var db = NewDb();
        Assert.Equal(2, await db.Activities.CountAsync(a => a.ExternalSource == "aircall"));
    }

    [Fact]
    public async Task The_webhook_token_is_compared_whole()
    {
        Assert.True(AircallWebhookIngest.TokenMatches(Token, Token));
        Assert.False(AircallWebhookIngest.TokenMatches(Token[..^1], Token));
        Assert.False(AircallWebhookIngest.TokenMatches(Token + "x", Token));
        Assert.False(AircallWebhookIngest.TokenMatches("", ""));
        Assert.Equal(AircallWebhookOutcome.Unauthorized, await Get<AircallWebhookIngest>().AcceptAsync(
            AircallPayloads.Event("call.created", NextCallId(), "nope", AircallUser)));
    }

    private static long NextCallId() => Interlocked.Increment(ref _nextCallId);

    private async Task<(Actor Bd, Campaign Campaign)> LinkedBdAsync(Facturix.Domain.Accounts.Account? account = null)
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(account ?? await Given.AccountAsync(), CampaignState.Active, bd);
        await Get<IAircallUserLink>().SetAsync(bd, AircallUser);
        return (bd, campaign);
    }

    /// <summary>Posts the bodies through the ingest (as the endpoint does), then processes the call as the worker does.</summary>
    private async Task<Activity> ReplayAsync(IEnumerable<string> bodies)
    {
        long callId = 0;
        foreach (var body in bodies)
        {
            Assert.Equal(AircallWebhookOutcome.Stored, await Get<AircallWebhookIngest>().AcceptAsync(body));
            callId = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("id").GetInt64();
            await Get<AircallCallProcessor>().ProcessAsync(callId);
        }
        await using var db = NewDb();
        var id = callId.ToString(CultureInfo.InvariantCulture);
        return await db.Activities.AsNoTracking().SingleAsync(a => a.ExternalSource == "aircall" && a.ExternalId == id);
    }

    private async Task SetPhoneAsync(Guid leadId, string phone)
    {
        await using var db = NewDb();
        await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Phone, phone));
    }

    private async Task LockAsync(Guid leadId, Guid userId, bool expired = false)
    {
        var now = Fixture.Clock.GetUtcNow();
        await using var db = NewDb();
        await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.LockedById, userId).SetProperty(l => l.LockedAt, now.AddMinutes(-20))
            .SetProperty(l => l.LockExpiresAt, expired ? now.AddMinutes(-5) : now.AddMinutes(10)));
    }
}
