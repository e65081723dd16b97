using Facturix.Domain.Dashboard;
using Facturix.Infrastructure.LiveEvents;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Infrastructure.Dashboard;

public static class DashboardSetup
{
    /// <summary>The connection string of a Redis server the dashboard cache shares between instances (unset: memory only).</summary>
    public const string RedisSetting = "Facturix:Cache:Redis";

    /// <summary>The dashboard service, its scope resolution, and the HybridCache kept fresh by live events (docs/decisions/0063).</summary>
    internal static void AddFacturixDashboard(IServiceCollection services)
    {
        services.AddHybridCache(options =>
        {
            // A whole team overview with 50 BD tiles and a year of trend stays well under this.
            options.MaximumPayloadBytes = 4 * 1024 * 1024;
            options.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                // Keys move on with every change (DashboardFreshness): old entries are only memory, so they go soon.
                Expiration = TimeSpan.FromMinutes(5),
                LocalCacheExpiration = TimeSpan.FromMinutes(2),
            };
        });
        services.AddSingleton<DashboardFreshness>();
        services.AddSingleton<ILiveEventObserver>(sp => sp.GetRequiredService<DashboardFreshness>());
        services.AddSingleton<DashboardScopes>();
        services.AddSingleton<Pieces.DashboardPieces>();
        AtRisk.AtRiskOptions.AddTo(services);
        services.AddSingleton<IDashboardService, DashboardService>();
    }

    /// <summary>
    /// Redis as the cache's second level when <see cref="RedisSetting"/> is set: a configuration switch, not a code
    /// change. Without it the cache lives in each instance's memory (freshness works the same either way).
    /// </summary>
    public static IServiceCollection AddFacturixCacheStore(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[RedisSetting] is { Length: > 0 } redis)
            services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "facturix:";
            });
        return services;
    }
}
