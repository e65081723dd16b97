using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The leads saved views and campaign presets services' rows of the matrix (issue 13).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> SavedViewOperations() => new()
    {
        ["ISavedViewService.ListAsync"] = (async (w, a) =>
        {
            var id = await SharedViewAsync(w, w.Target.UserId, "Équipe");
            return (await w.Get<ISavedViewService>().ListAsync(a)).Any(v => v.Id == id);
        }, ActiveStaff),
        ["ISavedViewService.SaveAsync"] = (async (w, a) =>
            await w.Get<ISavedViewService>().SaveAsync(a, null, new SavedViewInput { Name = "Mes leads" }) != Guid.Empty, ActiveStaff),
        ["ISavedViewService.SaveAsync shared"] = (async (w, a) =>
            await w.Get<ISavedViewService>().SaveAsync(a, null, new SavedViewInput { Name = "Équipe", IsShared = true }) != Guid.Empty,
            // Sharing follows CampaignsConfigure (docs/decisions/0036): admins and managers, in or out of scope. Inline, not a
            // static field: partial files' static fields initialise in no set order.
            [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
        ["ISavedViewService.DeleteAsync own"] = (async (w, a) =>
        {
            await w.Get<ISavedViewService>().DeleteAsync(a, await SharedViewAsync(w, a.UserId, "À moi", shared: false));
            return true;
        }, ActiveStaff),
        ["ISavedViewService.DeleteAsync"] = (async (w, a) =>
        {
            await w.Get<ISavedViewService>().DeleteAsync(a, await SharedViewAsync(w, w.Target.UserId, "Équipe"));
            return true;
        }, AdminOnly),
        ["ISavedViewService.SetCampaignPresetAsync"] = (async (w, a) =>
        {
            await w.Get<ISavedViewService>().SetCampaignPresetAsync(a, w.Campaign.Id, await SharedViewAsync(w, w.Target.UserId, "Équipe"));
            return true;
        }, CampaignConfigurers),
        ["ISavedViewService.GetCampaignPresetAsync"] = (async (w, a) =>
        {
            var id = await SharedViewAsync(w, w.Target.UserId, "Équipe");
            await w.Get<ISavedViewService>().SetCampaignPresetAsync(w.Actors[Who.Admin], w.Campaign.Id, id);
            return (await w.Get<ISavedViewService>().GetCampaignPresetAsync(a, w.Campaign.Id))?.Id == id;
        }, ThoseWhoSeeTheLead),
    };

    /// <summary>A view written straight to the table, so rows run as a deactivated actor still have something to act on.</summary>
    private static async Task<Guid> SharedViewAsync(World w, Guid ownerId, string name, bool shared = true)
    {
        await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
        var view = new SavedView
        {
            Id = Guid.CreateVersion7(), OwnerId = ownerId, Name = name, IsShared = shared,
            Definition = LeadViewJson.Write(LeadViewDefinition.Default), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.SavedViews.Add(view);
        await db.SaveChangesAsync();
        return view.Id;
    }
}
