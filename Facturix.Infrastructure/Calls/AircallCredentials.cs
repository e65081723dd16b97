using Facturix.Domain.Calls;
using Facturix.Infrastructure.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Facturix.Infrastructure.Calls;

/// <summary>
/// <c>Facturix:Aircall</c> in configuration (deployments, tests). Each value given here wins over what an admin
/// stored on the settings page.
/// </summary>
public sealed class AircallOptions
{
    public const string Section = "Facturix:Aircall";
    public const string DefaultBaseUrl = "https://api.aircall.io";

    public string? ApiId { get; set; }
    public string? ApiToken { get; set; }
    public string? WebhookToken { get; set; }
    public string? BaseUrl { get; set; }
}

/// <summary>The credentials in force: configuration first, else the stored settings (decrypted).</summary>
public sealed record AircallCredentialSet(string? ApiId, string? ApiToken, string? WebhookToken, Uri BaseUrl)
{
    public bool CanCallApi => !string.IsNullOrEmpty(ApiId) && !string.IsNullOrEmpty(ApiToken);
}

/// <summary>
/// Reads and writes the company's Aircall secrets. Stored values are Data Protection payloads (purpose below), so a
/// database dump does not reveal the token; the Data Protection keys themselves are encrypted (KeyEncryptionSetup).
/// </summary>
public sealed class AircallCredentials(
    IDbContextFactory<FacturixDb> dbFactory, IDataProtectionProvider protection, IOptionsMonitor<AircallOptions> options)
{
    private const string Purpose = "Facturix.Calls.AircallCredentials.v1";
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public AircallOptions Configured => options.CurrentValue;

    public async Task<AircallCredentialSet> GetAsync(CancellationToken ct = default)
    {
        var configured = options.CurrentValue;
        AircallSettings? stored = null;
        if (Blank(configured.ApiId) || Blank(configured.ApiToken) || Blank(configured.WebhookToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            stored = await db.AircallSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == AircallSettings.SingletonId, ct);
        }
        var baseUrl = Blank(configured.BaseUrl) ? AircallOptions.DefaultBaseUrl : configured.BaseUrl!;
        return new AircallCredentialSet(
            Blank(configured.ApiId) ? stored?.ApiId : configured.ApiId,
            Blank(configured.ApiToken) ? Unprotect(stored?.ApiTokenProtected) : configured.ApiToken,
            Blank(configured.WebhookToken) ? Unprotect(stored?.WebhookTokenProtected) : configured.WebhookToken,
            new Uri(baseUrl.TrimEnd('/') + "/"));
    }

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string? protectedValue)
    {
        if (string.IsNullOrEmpty(protectedValue)) return null;
        try
        {
            return _protector.Unprotect(protectedValue);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Keys lost (a new key ring): the admin types the token again; until then Aircall is "not configured".
            return null;
        }
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}

public static class AircallSetup
{
    /// <summary>Options from <c>Facturix:Aircall</c> when the host has a configuration (the app), none otherwise (tests' bare providers).</summary>
    public static IServiceCollection AddFacturixAircall(this IServiceCollection services)
    {
        services.AddOptions<AircallOptions>().Configure<IServiceProvider>((o, sp) =>
            sp.GetService<IConfiguration>()?.GetSection(AircallOptions.Section).Bind(o));
        services.AddSingleton<AircallCredentials>();
        services.AddHttpClient(AircallClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IAircallClient, AircallClient>();
        services.AddSingleton<AircallEventQueue>();
        services.AddSingleton<AircallCallProcessor>();
        services.AddSingleton<AircallWebhookIngest>();
        services.AddHostedService<AircallEventWorker>();
        services.AddSingleton<ICallService, CallService>();
        services.AddSingleton<IAircallSettingsService, AircallSettingsService>();
        services.AddSingleton<IAircallUserLink, AircallUserLink>();
        return services;
    }
}
