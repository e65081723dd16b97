using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Facturix.App.Security;

/// <summary>
/// HTTPS outside Development (ASVS V3.4.1, V9.1): Secure-only cookies, HSTS, and the TLS proxy in front of the app
/// trusted for X-Forwarded-For/Proto, so the app knows a request was HTTPS although Kestrel itself speaks HTTP.
/// </summary>
public static class TransportSecurity
{
    /// <summary>IP addresses of the reverse proxies allowed to say "this was HTTPS" (comma-separated or an array).</summary>
    public const string KnownProxiesKey = "Facturix:ForwardedHeaders:KnownProxies";

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of those proxies, when their addresses change (containers).</summary>
    public const string KnownNetworksKey = "Facturix:ForwardedHeaders:KnownNetworks";

    /// <summary>
    /// "true" to serve plain HTTP outside Development (cookies not Secure-only, no HSTS): only for a local trial such as
    /// <c>docker compose up</c> on http://localhost, never behind a real host name.
    /// </summary>
    public const string AllowPlainHttpKey = "Facturix:AllowPlainHttp";

    /// <summary>True when cookies must be Secure-only and HSTS sent: outside Development, unless plain HTTP is allowed.</summary>
    public static bool RequiresHttps(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment() && !configuration.GetValue<bool>(AllowPlainHttpKey);

    public static IServiceCollection AddFacturixTransportSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, configuration));
        if (!RequiresHttps(configuration, environment))
            return services;

        // Every cookie scheme (sign-in, and Identity's external/two-factor ones), antiforgery, and through the cookie
        // policy any other cookie the app appends (the culture cookie): Secure, so never sent over plain HTTP.
        services.ConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false; // the app does not own its parent domain's other hosts
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it (cookies, HSTS, redirects) sees the original scheme and client.</summary>
    public static IApplicationBuilder UseFacturixTransportSecurity(this IApplicationBuilder app, IConfiguration configuration, IHostEnvironment environment)
    {
        app.UseForwardedHeaders();
        if (RequiresHttps(configuration, environment))
        {
            app.UseHsts();
            app.UseCookiePolicy();
        }
        return app;
    }

    /// <summary>
    /// Only X-Forwarded-For and X-Forwarded-Proto, and only from the configured proxies. Without configuration the
    /// framework's default stands: a proxy on the same machine (loopback) is trusted, nothing else.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var proxies = Values(configuration, KnownProxiesKey);
        var networks = Values(configuration, KnownNetworksKey);
        if (proxies.Count == 0 && networks.Count == 0)
            return;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in networks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }

    /// <summary>A list setting given either as an array (appsettings.json, <c>Key__0</c>) or as one comma-separated value.</summary>
    private static List<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).ToList();
        values.Add(section.Value);
        return values
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
