using Facturix.Domain.Dashboard;
using Facturix.Domain.Users;

namespace Facturix.Tests.Support;

/// <summary>Hand-written test double: remembers preferences in memory and records every write.</summary>
internal sealed class InMemoryUserPreferencesService : IUserPreferencesService
{
    private readonly Dictionary<Guid, UserPreferences> _store = [];

    public List<(Guid UserId, bool DarkMode)> DarkModeWrites { get; } = [];
    public List<(Guid UserId, string Culture)> CultureWrites { get; } = [];

    private readonly Dictionary<Guid, DashboardPreferences> _dashboard = [];

    public void Seed(Guid userId, UserPreferences preferences) => _store[userId] = preferences;

    public Task<UserPreferences> GetAsync(Actor actor, CancellationToken ct = default) =>
        Task.FromResult(_store.TryGetValue(actor.UserId, out var prefs) ? prefs : new UserPreferences(UserPreferences.DefaultCulture, false));

    public Task SetCultureAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        CultureWrites.Add((actor.UserId, culture));
        _store[actor.UserId] = GetAsync(actor, ct).Result with { Culture = culture };
        return Task.CompletedTask;
    }

    public Task SetDarkModeAsync(Actor actor, bool darkMode, CancellationToken ct = default)
    {
        DarkModeWrites.Add((actor.UserId, darkMode));
        _store[actor.UserId] = GetAsync(actor, ct).Result with { DarkMode = darkMode };
        return Task.CompletedTask;
    }

    /// <summary>
    /// When set, a dashboard read answers what was stored when it was asked, once the gate opens: as a query whose answer is
    /// on its way, so a test acts while the page is still loading its preferences.
    /// </summary>
    public TaskCompletionSource? DashboardReadGate { get; set; }

    public async Task<DashboardPreferences> GetDashboardAsync(Actor actor, CancellationToken ct = default)
    {
        var stored = _dashboard.TryGetValue(actor.UserId, out var prefs) ? prefs : DashboardPreferences.DefaultFor(actor);
        if (DashboardReadGate is { } gate) await gate.Task;
        return stored;
    }

    public Task SetDashboardAsync(Actor actor, DashboardPreferences preferences, CancellationToken ct = default)
    {
        _dashboard[actor.UserId] = preferences;
        return Task.CompletedTask;
    }
}
