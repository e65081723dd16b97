using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Facturix.App.Security;
using Facturix.Infrastructure.Security;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Facturix.Tests.SignIn;

/// <summary>
/// The app in Production behind a TLS proxy on the same machine (trusted through Facturix:ForwardedHeaders:KnownProxies):
/// Secure-only cookies and HSTS for the requests the proxy says were HTTPS.
/// </summary>
public sealed partial class ProductionTransportTests : IAsyncLifetime
{
    private const string PublicHost = "crm.example.test";
    private readonly string _keyFolder = Path.Combine(Path.GetTempPath(), $"facturix-prod-{Guid.NewGuid():N}");
    private ProductionApp _app = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync("production");
        _app = new ProductionApp(connectionString, Path.Combine(_keyFolder, KeyEncryptionSetup.DefaultFileName));
        _app.Start();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Directory.Exists(_keyFolder)) Directory.Delete(_keyFolder, recursive: true);
    }

    [Fact]
    public async Task Cookies_are_Secure_and_HSTS_is_sent_for_an_HTTPS_request_forwarded_by_the_trusted_proxy()
    {
        using var client = NewClient();

        using var page = await client.SendAsync(ThroughProxy(HttpMethod.Get, "/Account/Login"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "No HSTS on an HTTPS request.");
        var antiforgeryCookie = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);

        // The language switch on that page: its culture cookie is Secure too.
        var token = TokenInput().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var post = ThroughProxy(HttpMethod.Post, "/Account/SetCulture");
        post.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/Account/Login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        using var switched = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("; secure", Assert.Single(SetCookies(switched), c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);

        var signIn = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, signIn.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task A_plain_HTTP_request_gets_no_HSTS()
    {
        using var client = NewClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = PublicHost;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void Only_the_configured_proxies_and_networks_are_trusted()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TransportSecurity.KnownProxiesKey] = "10.0.0.5, 10.0.0.6",
            [TransportSecurity.KnownNetworksKey + ":0"] = "172.16.0.0/12",
        }).Build();
        var options = new ForwardedHeadersOptions();

        TransportSecurity.ConfigureForwardedHeaders(options, configuration);

        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("172.16.0.0/12")], options.KnownIPNetworks);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
    }

    private HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.BaseAddress };

    /// <summary>What the TLS proxy on this machine sends: the public host name, and that the client spoke HTTPS.</summary>
    private static HttpRequestMessage ThroughProxy(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = PublicHost; // HSTS is never sent to localhost/127.0.0.1
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    private sealed class ProductionApp(string connectionString, string certificatePath) : WebApplicationFactory<Program>
    {
        public Uri BaseAddress { get; private set; } = null!;

        public void Start()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            UseKestrel(port);
            StartServer();
            BaseAddress = new Uri($"http://127.0.0.1:{port}");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Facturix", connectionString);
            builder.UseSetting(KeyEncryptionSetup.CertificatePathKey, certificatePath);
            builder.UseSetting(TransportSecurity.KnownProxiesKey, "127.0.0.1");
            builder.UseSetting("urls", "");
            builder.UseEnvironment("Production");
        }
    }
}
