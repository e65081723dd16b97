using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

internal sealed class UserPreferencesService(IDbContextFactory<FacturixDb> dbFactory) : IUserPreferencesService
{
    public async Task<UserPreferences> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var prefs = await db.Users.Where(u => u.Id == actor.UserId)
            .Select(u => new UserPreferences(u.Culture, u.DarkMode))
            .FirstOrDefaultAsync(ct);
        return prefs ?? throw new NotFoundException("user", actor.UserId);
    }

    public async Task SetCultureAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        actor.DemandActive();
        var normalized = UserPreferences.NormalizeCulture(culture);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == actor.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, normalized), ct);
    }

    public async Task SetDarkModeAsync(Actor actor, bool darkMode, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == actor.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DarkMode, darkMode), ct);
    }
}
