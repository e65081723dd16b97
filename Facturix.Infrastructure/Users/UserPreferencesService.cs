using System.Text.Json;
using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using FluentValidation;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Users;

internal sealed class UserPreferencesService(IDbContextFactory<FacturixDb> dbFactory) : IUserPreferencesService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DashboardPeriodValidator PeriodValidator = new();

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

    public async Task<DashboardPreferences> GetDashboardAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DashboardPreferences).FirstOrDefaultAsync(ct);
        var stored = ReadOrNull(json);
        // A remembered team view is only honoured while the person may still see team figures.
        return stored is null ? DashboardPreferences.DefaultFor(actor)
            : stored.Scope == MetricsScope.Team && !actor.Can(Capability.AnalyticsTeam) ? stored with { Scope = MetricsScope.Mine }
            : stored;
    }

    public async Task SetDashboardAsync(Actor actor, DashboardPreferences preferences, CancellationToken ct = default)
    {
        actor.DemandActive();
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferences.Scope == MetricsScope.Team) actor.Demand(Capability.AnalyticsTeam);
        await PeriodValidator.ValidateAndThrowAsync(preferences.Period, ct);
        var json = JsonSerializer.Serialize(preferences, Json);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == actor.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DashboardPreferences, json), ct);
    }

    /// <summary>A stored value from an older shape (or hand-edited) falls back to the defaults rather than breaking the page.</summary>
    private static DashboardPreferences? ReadOrNull(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            var prefs = JsonSerializer.Deserialize<DashboardPreferences>(json, Json);
            return prefs?.Period is { } period && PeriodValidator.Validate(period).IsValid ? prefs : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
