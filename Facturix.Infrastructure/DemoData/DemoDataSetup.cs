using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.DemoData;

public static class DemoDataSetup
{
    /// <summary>"true" seeds the demo data on start when the database is empty; "false" never does.
    /// Unset: seeds only on the embedded local database (a first run on a developer machine).</summary>
    public const string SeedDemoKey = "Facturix:SeedDemo";

    /// <summary>Number of demo leads (default 20,000; browser tests use 300).</summary>
    public const string DemoLeadsKey = "Facturix:DemoLeads";

    /// <summary>Random seed of the demo data (default <see cref="DemoSeedOptions.Seed"/>).</summary>
    public const string DemoSeedKey = "Facturix:DemoSeed";

    /// <summary>Registers <see cref="DemoDataSeeder"/> (scoped, like Identity's password hasher) and <see cref="DemoDataStartup"/>.</summary>
    public static IServiceCollection AddFacturixDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddScoped<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton(sp => new DemoDataStartup(
            sp.GetRequiredService<IServiceScopeFactory>(),
            configuration,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<DemoDataStartup>>(),
            sp.GetService<IHostEnvironment>()?.IsProduction() ?? false));
        return services;
    }
}
