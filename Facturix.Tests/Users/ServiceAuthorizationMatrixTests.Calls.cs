using Facturix.Domain.Activities;
using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The Calls services' rows of the matrix (issue 14).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> CallsOperations() => new()
    {
        // The world has no Aircall credentials: getting as far as asking Aircall (AircallException) is "allowed";
        // the guard (capability, lead in scope) answers before that.
        ["ICallService.CanDialAsync"] = (async (w, a) =>
        {
            await w.Get<ICallService>().CanDialAsync(a);
            return true;
        }, ActiveStaff),
        ["ICallService.DialAsync"] = (async (w, a) =>
        {
            try
            {
                await w.Get<ICallService>().DialAsync(a, w.Lead.Id);
                return true;
            }
            catch (AircallException)
            {
                return true;
            }
        }, ThoseWhoSeeTheLead),
        ["ICallService.GetRecordingLinkAsync"] = (async (w, a) =>
        {
            var activityId = await AircallCallAsync(w, w.Lead.Id, null);
            try
            {
                await w.Get<ICallService>().GetRecordingLinkAsync(a, activityId);
                return true;
            }
            catch (AircallException)
            {
                return true;
            }
        }, ThoseWhoSeeTheLead),
        // Unmatched calls: those made by the assigned BD are the in-scope manager's to see and attach.
        ["ICallService.ListUnmatchedAsync"] = (async (w, a) =>
        {
            var activityId = await AircallCallAsync(w, null, w.Actors[Who.AssignedBd].UserId);
            return (await w.Get<ICallService>().ListUnmatchedAsync(a, new PageRequest())).Items.Any(c => c.ActivityId == activityId);
        }, [Who.Admin, Who.ManagerInScope]),
        ["ICallService.SearchLeadsAsync"] = (async (w, a) =>
            (await w.Get<ICallService>().SearchLeadsAsync(a, w.Lead.Company)).Any(l => l.Id == w.Lead.Id), [Who.Admin, Who.ManagerInScope]),
        ["ICallService.AttachAsync"] = (async (w, a) =>
        {
            var activityId = await AircallCallAsync(w, null, w.Actors[Who.AssignedBd].UserId);
            await w.Get<ICallService>().AttachAsync(a, activityId, w.Lead.Id);
            return true;
        }, [Who.Admin, Who.ManagerInScope]),
        ["IAircallSettingsService.GetAsync"] = (async (w, a) =>
        {
            await w.Get<IAircallSettingsService>().GetAsync(a);
            return true;
        }, AdminOnly),
        ["IAircallSettingsService.SaveAsync"] = (async (w, a) =>
        {
            await w.Get<IAircallSettingsService>().SaveAsync(a, new AircallSettingsInput { ApiId = "id", ApiToken = "token" });
            return true;
        }, AdminOnly),
        // Everyone links their own Aircall user.
        ["IAircallUserLink.GetAsync"] = (async (w, a) =>
        {
            await w.Get<IAircallUserLink>().GetAsync(a);
            return true;
        }, ActiveStaff),
        ["IAircallUserLink.SetAsync"] = (async (w, a) =>
        {
            await w.Get<IAircallUserLink>().SetAsync(a, 4242);
            return await w.Get<IAircallUserLink>().GetAsync(a) == 4242;
        }, ActiveStaff),
    };

    /// <summary>An Aircall call activity, on a lead or (lead null) unmatched and made by <paramref name="userId"/>.</summary>
    private static async Task<Guid> AircallCallAsync(World w, Guid? leadId, Guid? userId)
    {
        await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(), Kind = ActivityKind.Call, LeadId = leadId, CampaignId = leadId is null ? null : w.Campaign.Id,
            AccountId = leadId is null ? null : w.Account.Id, UserId = userId, ExternalSource = "aircall",
            ExternalId = Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            RecordingUrl = "aircall://calls/1/recording", OccurredAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity.Id;
    }
}
