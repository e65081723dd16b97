using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The accounts service's rows of the matrix: reading, editing, archiving, deleting and managers.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    // A property, not a field: the main file's Operations reads it while the static fields initialise.
    private static Who[] AccountManagers => [Who.Admin, Who.ManagerInScope];

    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> AccountOperations() => new()
    {
        ["IAccountService.CreateAsync"] = (async (w, a) =>
            await w.Get<IAccountService>().CreateAsync(a, new AccountInput { Name = "Nouvelle SAS" }) != Guid.Empty,
            [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
        ["IAccountService.ListAsync"] = (async (w, a) =>
            (await w.Get<IAccountService>().ListAsync(a, new AccountListQuery(), new PageRequest())).Items.Any(r => r.Id == w.Account.Id),
            ThoseWhoSeeTheLead),
        ["IAccountService.GetFilterOptionsAsync"] = (async (w, a) =>
            (await w.Get<IAccountService>().GetFilterOptionsAsync(a)).Managers.Any(m => m.UserId == w.Actors[Who.ManagerInScope].UserId),
            ThoseWhoSeeTheLead),
        ["IAccountService.GetAsync"] = (async (w, a) =>
            (await w.Get<IAccountService>().GetAsync(a, w.Account.Id)).Id == w.Account.Id, ThoseWhoSeeTheLead),
        ["IAccountService.UpdateAsync"] = (async (w, a) =>
        {
            await w.Get<IAccountService>().UpdateAsync(a, w.Account.Id, new AccountInput { Name = "Renommée" }, w.Account.Version);
            return true;
        }, AccountManagers),
        ["IAccountService.ArchiveAsync"] = (async (w, a) =>
        {
            await w.Get<IAccountService>().ArchiveAsync(a, w.Account.Id);
            return true;
        }, AccountManagers),
        ["IAccountService.RestoreAsync"] = (async (w, a) =>
        {
            await w.Get<IAccountService>().ArchiveAsync(w.Actors[Who.Admin], w.Account.Id);
            await w.Get<IAccountService>().RestoreAsync(a, w.Account.Id);
            return true;
        }, AccountManagers),
        ["IAccountService.DeleteAsync"] = (async (w, a) =>
        {
            // An account without campaigns (the world's has one), in the in-scope manager's scope.
            var accounts = w.Get<IAccountService>();
            var id = await accounts.CreateAsync(w.Actors[Who.Admin], new AccountInput { Name = "Sans campagne" });
            await accounts.AssignManagerAsync(w.Actors[Who.Admin], id, w.Actors[Who.ManagerInScope].UserId);
            await accounts.DeleteAsync(a, id);
            return true;
        }, AccountManagers),
        ["IAccountService.ListManagerCandidatesAsync"] = (async (w, a) =>
            (await w.Get<IAccountService>().ListManagerCandidatesAsync(a)).Any(m => m.UserId == w.Actors[Who.ManagerInScope].UserId),
            [Who.Admin, Who.ManagerInScope, Who.ManagerOutOfScope]),
        ["IAccountService.AssignManagerAsync"] = (async (w, a) =>
        {
            await w.Get<IAccountService>().AssignManagerAsync(a, w.Account.Id, w.Actors[Who.ManagerOutOfScope].UserId);
            return true;
        }, AccountManagers),
        ["IAccountService.UnassignManagerAsync"] = (async (w, a) =>
        {
            await w.Get<IAccountService>().UnassignManagerAsync(a, w.Account.Id, w.Actors[Who.ManagerInScope].UserId);
            return true;
        }, AccountManagers),
    };
}
