using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facturix.Tests.Support;

/// <summary>
/// The real app on a real Kestrel port, over a database of its own seeded with a small demo data set
/// (same users and passwords as the full demo). One per browser test collection.
/// </summary>
/// <param name="signInThrottle">
/// Settings under <c>Facturix:SignInThrottle</c>. Null (the default): limits so generous no journey trips them, since
/// every journey signs in from 127.0.0.1 and the demo accounts sign in again and again. Empty: the app's own
/// defaults. Sign-in tests that prove the limits start a server of their own with these.
/// </param>
public sealed class AppServer(bool seedDemo = true, IReadOnlyDictionary<string, string?>? signInThrottle = null) : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string?> JourneyThrottle = new Dictionary<string, string?>
    {
        ["PerClientIp:TokenLimit"] = "100000", ["PerClientIp:TokensPerPeriod"] = "100000", ["PerClientIp:ReplenishmentPeriod"] = "00:00:01",
        ["PerEmail:TokenLimit"] = "100000", ["PerEmail:TokensPerPeriod"] = "100000", ["PerEmail:ReplenishmentPeriod"] = "00:00:01",
    };

    private string _connectionString = "";

    /// <summary>The app's database name on the test cluster (to break it on purpose, for instance).</summary>
    public string DatabaseName => new Npgsql.NpgsqlConnectionStringBuilder(_connectionString).Database!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every warning and error the app logs (for "a clean log" checks).</summary>
    public LogRecorder Log { get; } = new();
    public string ConnectionString => _connectionString;

    /// <summary>More settings for this server (e.g. <c>Facturix:Aircall:WebhookToken</c>), set before <see cref="StartAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>The SQL the app runs through EF Core, when a test turns recording on.</summary>
    public DbCommandLog Commands { get; } = new();

    /// <summary>The PFX that encrypts this server's Data Protection keys, in a throwaway folder of its own.</summary>
    public string KeyCertificatePath { get; } =
        Path.Combine(Path.GetTempPath(), $"facturix-tests-keys-{Guid.NewGuid():N}", Facturix.Infrastructure.Security.KeyEncryptionSetup.DefaultFileName);

    /// <summary>An app of the test's own (own database, no demo data), e.g. with sign-in limits of its own; dispose it.</summary>
    public static async Task<AppServer> StartOwnAsync(IReadOnlyDictionary<string, string?>? signInThrottle = null)
    {
        var app = new AppServer(seedDemo: false, signInThrottle: signInThrottle);
        await app.StartAsync();
        return app;
    }

    public async Task StartAsync()
    {
        // As the app's own non-superuser role, the way it connects to its embedded cluster (migrations included).
        _connectionString = await TestCluster.CreateEmptyAppDatabaseAsync("app");
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not ConfigureAppConfiguration): Program reads these before Build().
        builder.UseSetting("ConnectionStrings:Facturix", _connectionString);
        builder.UseSetting("Facturix:SeedDemo", seedDemo ? "true" : "false");
        builder.UseSetting("Facturix:DemoLeads", "300");
        builder.UseSetting("urls", "");
        foreach (var (key, value) in signInThrottle ?? JourneyThrottle)
            builder.UseSetting($"{Facturix.Infrastructure.SignIn.SignInThrottleOptions.Section}:{key}", value);
        builder.UseSetting(Facturix.Infrastructure.Security.KeyEncryptionSetup.CertificatePathKey, KeyCertificatePath);
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Commands));
    }

    /// <summary>A demo (or test) user's actor, resolved the way the app resolves it: <c>await App.ActorAsync("admin@facturix.local")</c>.</summary>
    public async Task<Facturix.Domain.Users.Actor> ActorAsync(string email)
    {
        await using var db = Facturix.Infrastructure.Database.FacturixDbOptions.CreateContext(_connectionString);
        var normalized = email.ToUpperInvariant();
        var id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id));
        return await Get<Facturix.Domain.Users.IActorResolver>().ResolveAsync(id)
            ?? throw new InvalidOperationException($"No user {email}.");
    }

    /// <summary>A staff member of the test's own (so a journey may change their access without disturbing others); returns their id.</summary>
    public async Task<Guid> CreateUserAsync(string email, string role, string password = Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Facturix.Infrastructure.Users.AppUser>>();
        var user = new Facturix.Infrastructure.Users.AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    /// <summary>A domain service from the running app, to make "another user's" change the way a circuit would.</summary>
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        var folder = Path.GetDirectoryName(KeyCertificatePath)!;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
