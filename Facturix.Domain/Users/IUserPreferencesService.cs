namespace Facturix.Domain.Users;

public interface IUserPreferencesService
{
    Task<UserPreferences> GetAsync(Actor actor, CancellationToken ct = default);
    Task SetCultureAsync(Actor actor, string culture, CancellationToken ct = default);
    Task SetDarkModeAsync(Actor actor, bool darkMode, CancellationToken ct = default);

    /// <summary>The dashboard's remembered scope and period; <see cref="Dashboard.DashboardPreferences.DefaultFor"/> until set.</summary>
    Task<Dashboard.DashboardPreferences> GetDashboardAsync(Actor actor, CancellationToken ct = default);

    Task SetDashboardAsync(Actor actor, Dashboard.DashboardPreferences preferences, CancellationToken ct = default);
}
