using System.Security.Cryptography;

namespace Facturix.App.Security;

/// <summary>
/// Browser-side hardening headers on every response (ASVS V3.4 / V14.4): a Content-Security-Policy that Blazor
/// Server and MudBlazor run under, no MIME sniffing, no referrer outside the app, and no framing.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Facturix.CspNonce";

    /// <summary>
    /// The request's CSP nonce, for the one inline script the framework renders: the import map
    /// (<c>&lt;ImportMap nonce="..." /&gt;</c> in App.razor). Every other script is a file from this origin.
    /// </summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
            return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>
    /// The policy for one request. Why each source:
    /// <list type="bullet">
    /// <item>script-src 'self' + nonce: blazor.web.js, MudBlazor.min.js and ReconnectModal.razor.js are files here;
    /// the import map is the only inline script and carries the nonce. Blazor Server needs no 'unsafe-eval'.</item>
    /// <item>style-src 'unsafe-inline': MudBlazor writes style attributes (positions, sizes of popovers, menus) and
    /// MudThemeProvider renders a &lt;style&gt; block of CSS variables, at run time from the circuit; neither can
    /// carry a nonce or a hash. Styles cannot run script, so the XSS protection rests on script-src.</item>
    /// <item>connect-src: the circuit's WebSocket to the same host (ws: over HTTP, wss: over HTTPS); 'self' alone
    /// covers it in current browsers, naming it keeps older ones working.</item>
    /// <item>img-src data: MudBlazor's icons and inputs use data: URIs for some images.</item>
    /// </list>
    /// </summary>
    public static string ContentSecurityPolicy(HttpContext context)
    {
        var host = context.Request.Host.Value;
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{Nonce(context)}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            $"connect-src 'self' ws://{host} wss://{host}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>
    /// Adds the headers as the response starts (not before calling the next middleware): the exception handler
    /// clears the headers of a failed response and re-executes, and the error page must carry them too.
    /// Put it first in the pipeline so static files get them as well.
    /// </summary>
    public static IApplicationBuilder UseFacturixSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(context);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                // frame-ancestors supersedes it; kept for browsers that predate CSP level 2.
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
