using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The campaign services' rows of the matrix (issue 12): core, statuses, outcomes, script, assignments.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>A method, not a field: the main file's Operations reads it while its own static fields initialise.</summary>
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> CampaignOperations() => new()
    {
        // Campaigns core: reads for whoever sees the campaign; configuration for admins and the account's manager.
        ["ICampaignService.ListAsync"] = (async (w, a) =>
            (await w.Get<ICampaignService>().ListAsync(a, new CampaignQuery(), new PageRequest())).Items.Any(r => r.Id == w.Campaign.Id),
            ThoseWhoSeeTheLead),
        ["ICampaignService.GetAsync"] = (async (w, a) =>
            (await w.Get<ICampaignService>().GetAsync(a, w.Campaign.Id)).LeadCount == 1, ThoseWhoSeeTheLead),
        ["ICampaignService.ListAccountChoicesAsync"] = (async (w, a) =>
            (await w.Get<ICampaignService>().ListAccountChoicesAsync(a, null)).Any(c => c.Id == w.Account.Id), CampaignConfigurers),
        ["ICampaignService.CreateAsync"] = (async (w, a) =>
            await w.Get<ICampaignService>().CreateAsync(a, new CampaignInput { AccountId = w.Account.Id, Name = "Nouvelle" }) != Guid.Empty,
            CampaignConfigurers),
        ["ICampaignService.CopyAsync"] = (async (w, a) =>
            await w.Get<ICampaignService>().CopyAsync(a, w.Campaign.Id, "Copie") != Guid.Empty, CampaignConfigurers),
        ["ICampaignService.UpdateAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignService>().UpdateAsync(a, w.Campaign.Id,
                new CampaignInput { AccountId = w.Account.Id, Name = "Renommée" }, await CampaignVersionAsync(w));
            return true;
        }, CampaignConfigurers),
        ["ICampaignService.UpdateSettingsAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignService>().UpdateSettingsAsync(a, w.Campaign.Id,
                new CampaignSettingsInput { MaxCallAttempts = 3 }, await CampaignVersionAsync(w));
            return true;
        }, CampaignConfigurers),
        ["ICampaignService.ChangeStateAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignService>().ChangeStateAsync(a, w.Campaign.Id, CampaignState.Paused, await CampaignVersionAsync(w));
            return true;
        }, CampaignConfigurers),
        // Campaign status set and outcomes (issue 12): the World's campaign has none, so each row makes its own as Admin.
        ["ICampaignStatusService.ListAsync"] = (async (w, a) =>
        {
            var id = await AddStatusAsync(w, "Nouveau");
            return (await w.Get<ICampaignStatusService>().ListAsync(a, w.Campaign.Id)).Any(s => s.Id == id);
        }, ThoseWhoSeeTheLead),
        ["ICampaignStatusService.AddAsync"] = (async (w, a) =>
            await w.Get<ICampaignStatusService>().AddAsync(a, w.Campaign.Id, new CampaignStatusInput { Label = "Nouveau", Stage = LeadStatus.New }) != Guid.Empty,
            CampaignConfigurers),
        ["ICampaignStatusService.UpdateAsync"] = (async (w, a) =>
        {
            var id = await AddStatusAsync(w, "Nouveau");
            await w.Get<ICampaignStatusService>().UpdateAsync(a, id, new CampaignStatusInput { Label = "Frais", Stage = LeadStatus.New });
            return true;
        }, CampaignConfigurers),
        ["ICampaignStatusService.ReorderAsync"] = (async (w, a) =>
        {
            var first = await AddStatusAsync(w, "Nouveau");
            var second = await AddStatusAsync(w, "Gagné");
            await w.Get<ICampaignStatusService>().ReorderAsync(a, w.Campaign.Id, [second, first]);
            return true;
        }, CampaignConfigurers),
        ["ICampaignStatusService.DeleteAsync"] = (async (w, a) =>
        {
            await AddStatusAsync(w, "Nouveau");
            await w.Get<ICampaignStatusService>().DeleteAsync(a, await AddStatusAsync(w, "Gagné"), null);
            return true;
        }, CampaignConfigurers),
        ["ICampaignOutcomeService.ListAsync"] = (async (w, a) =>
        {
            var id = await AddOutcomeAsync(w, "Messagerie", 2);
            return (await w.Get<ICampaignOutcomeService>().ListAsync(a, w.Campaign.Id)).Any(o => o.Id == id);
        }, ThoseWhoSeeTheLead),
        ["ICampaignOutcomeService.AddAsync"] = (async (w, a) =>
            await w.Get<ICampaignOutcomeService>().AddAsync(a, w.Campaign.Id, new CampaignOutcomeInput { Label = "Messagerie", Hotkey = 2 }) != Guid.Empty,
            CampaignConfigurers),
        ["ICampaignOutcomeService.UpdateAsync"] = (async (w, a) =>
        {
            var id = await AddOutcomeAsync(w, "Messagerie", 2);
            await w.Get<ICampaignOutcomeService>().UpdateAsync(a, id, new CampaignOutcomeInput { Label = "Répondeur", Hotkey = 3 });
            return true;
        }, CampaignConfigurers),
        ["ICampaignOutcomeService.ReorderAsync"] = (async (w, a) =>
        {
            var first = await AddOutcomeAsync(w, "Messagerie", 2);
            var second = await AddOutcomeAsync(w, "Pas de réponse", 1);
            await w.Get<ICampaignOutcomeService>().ReorderAsync(a, w.Campaign.Id, [second, first]);
            return true;
        }, CampaignConfigurers),
        ["ICampaignOutcomeService.DeleteAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignOutcomeService>().DeleteAsync(a, await AddOutcomeAsync(w, "Messagerie", 2));
            return true;
        }, CampaignConfigurers),
        // Campaign script and assignments (issue 12): BDs read the script and team of their campaigns, configuring is managers' and admins'.
        ["ICampaignScriptService.GetAsync"] = (async (w, a) =>
            (await w.Get<ICampaignScriptService>().GetAsync(a, w.Campaign.Id)).CampaignId == w.Campaign.Id, ThoseWhoSeeTheLead),
        ["ICampaignScriptService.SaveAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignScriptService>().SaveAsync(a, w.Campaign.Id, new CampaignScriptInput { Script = "Bonjour" }, w.Campaign.Version);
            return true;
        }, [Who.Admin, Who.ManagerInScope]),
        ["ICampaignAssignmentService.ListAsync"] = (async (w, a) =>
            (await w.Get<ICampaignAssignmentService>().ListAsync(a, w.Campaign.Id)).Count > 0, ThoseWhoSeeTheLead),
        ["ICampaignAssignmentService.ListCandidatesAsync"] = (async (w, a) =>
            (await w.Get<ICampaignAssignmentService>().ListCandidatesAsync(a, w.Campaign.Id, null)).Any(c => c.UserId == w.Target.UserId),
            [Who.Admin, Who.ManagerInScope]),
        ["ICampaignAssignmentService.AssignAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignAssignmentService>().AssignAsync(a, w.Campaign.Id, [w.Target.UserId]);
            return true;
        }, [Who.Admin, Who.ManagerInScope]),
        ["ICampaignAssignmentService.RemoveAsync"] = (async (w, a) =>
        {
            await w.Get<ICampaignAssignmentService>().RemoveAsync(a, w.Campaign.Id, w.Actors[Who.AssignedBd].UserId);
            return true;
        }, [Who.Admin, Who.ManagerInScope]),
    };

    /// <summary>The world's campaign's current row version, as a form would have read it.</summary>
    private static async Task<uint> CampaignVersionAsync(World w)
    {
        await using var db = await w.Get<IDbContextFactory<Facturix.Infrastructure.Database.FacturixDb>>().CreateDbContextAsync();
        return await db.Campaigns.Where(c => c.Id == w.Campaign.Id).Select(c => c.Version).SingleAsync();
    }
    private static Task<Guid> AddStatusAsync(World w, string label) =>
        w.Get<ICampaignStatusService>().AddAsync(w.Actors[Who.Admin], w.Campaign.Id, new CampaignStatusInput { Label = label, Stage = LeadStatus.New });

    private static Task<Guid> AddOutcomeAsync(World w, string label, int hotkey) =>
        w.Get<ICampaignOutcomeService>().AddAsync(w.Actors[Who.Admin], w.Campaign.Id, new CampaignOutcomeInput { Label = label, Hotkey = hotkey });
}
