using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>
/// The people rows of the matrix: the staff directory and the permission matrix (admins only), sessions (anyone for
/// their own, admins for others) and each person's own preferences.
/// </summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> PeopleOperations() => new()
    {
        ["IUserDirectory.ListAsync"] = (async (w, a) =>
            (await w.Get<IUserDirectory>().ListAsync(a)).Any(u => u.Id == w.Target.UserId), AdminOnly),
        ["IUserDirectory.SetRolesAsync"] = (async (w, a) =>
        {
            await w.Get<IUserDirectory>().SetRolesAsync(a, w.Target.UserId, [Roles.Manager]);
            return true;
        }, AdminOnly),
        ["IUserDirectory.SetActiveAsync"] = (async (w, a) =>
        {
            await w.Get<IUserDirectory>().SetActiveAsync(a, w.Target.UserId, false);
            return true;
        }, AdminOnly),
        ["IPermissionMatrix.GetAsync"] = (async (w, a) =>
            (await w.Get<IPermissionMatrix>().GetAsync(a)).ContainsKey(Roles.BusinessDeveloper), AdminOnly),
        ["IPermissionMatrix.SetAsync"] = (async (w, a) =>
        {
            await w.Get<IPermissionMatrix>().SetAsync(a, Roles.BusinessDeveloper, Capability.LeadsExport, true);
            return true;
        }, AdminOnly),
        ["ISessionService.ListAsync"] = (async (w, a) =>
        {
            var session = await w.SessionOf(w.Target.UserId);
            return (await w.Get<ISessionService>().ListAsync(a, w.Target.UserId)).Any(s => s.Id == session);
        }, AdminOnly),
        ["ISessionService.ListAsync own"] = (async (w, a) =>
        {
            var session = await w.SessionOf(a.UserId);
            return (await w.Get<ISessionService>().ListAsync(a, a.UserId)).Any(s => s.Id == session);
        }, ActiveStaff),
        ["ISessionService.EndAsync"] = (async (w, a) =>
        {
            await w.Get<ISessionService>().EndAsync(a, await w.SessionOf(w.Target.UserId));
            return true;
        }, AdminOnly),
        ["ISessionService.EndAsync own"] = (async (w, a) =>
        {
            await w.Get<ISessionService>().EndAsync(a, await w.SessionOf(a.UserId));
            return true;
        }, ActiveStaff),
        ["ISessionService.EndAllAsync"] = (async (w, a) =>
        {
            await w.SessionOf(w.Target.UserId);
            return await w.Get<ISessionService>().EndAllAsync(a, w.Target.UserId) == 1;
        }, AdminOnly),
        ["ISessionService.EndAllAsync own"] = (async (w, a) =>
        {
            await w.SessionOf(a.UserId);
            return await w.Get<ISessionService>().EndAllAsync(a, a.UserId) == 1;
        }, ActiveStaff),
        ["IUserPreferencesService.GetAsync"] = (async (w, a) =>
            (await w.Get<IUserPreferencesService>().GetAsync(a)).Culture == "fr", ActiveStaff),
        ["IUserPreferencesService.SetCultureAsync"] = (async (w, a) =>
        {
            await w.Get<IUserPreferencesService>().SetCultureAsync(a, "en");
            return true;
        }, ActiveStaff),
        ["IUserPreferencesService.SetDarkModeAsync"] = (async (w, a) =>
        {
            await w.Get<IUserPreferencesService>().SetDarkModeAsync(a, true);
            return true;
        }, ActiveStaff),
        ["IPermissionMatrix.ResetToDefaultsAsync"] = (async (w, a) =>
        {
            await w.Get<IPermissionMatrix>().ResetToDefaultsAsync(a);
            return true;
        }, AdminOnly),
        ["IUserDirectory.CreateAsync"] = (async (w, a) =>
            (await w.Get<IUserDirectory>().CreateAsync(a, new NewUserInput { Email = $"new-{Guid.NewGuid():N}@test.local", DisplayName = "Nouvelle" }))
                .FirstPassword.Length > 0, AdminOnly),
        ["IUserDirectory.ResetPasswordAsync"] = (async (w, a) =>
            (await w.Get<IUserDirectory>().ResetPasswordAsync(a, w.Target.UserId)).Length > 0, AdminOnly),
    };
}
