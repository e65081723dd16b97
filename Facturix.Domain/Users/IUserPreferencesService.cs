namespace Facturix.Domain.Users;

public interface IUserPreferencesService
{
    Task<UserPreferences> GetAsync(Actor actor, CancellationToken ct = default);
    Task SetCultureAsync(Actor actor, string culture, CancellationToken ct = default);
    Task SetDarkModeAsync(Actor actor, bool darkMode, CancellationToken ct = default);
}
