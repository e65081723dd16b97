using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Facturix.Domain.Calls;
using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Calls;

/// <summary>The two Aircall Public API calls Facturix makes (HTTP Basic with the company's API ID and token).</summary>
public interface IAircallClient
{
    /// <summary><c>POST /v1/users/{id}/dial</c> with <c>{"to": e164}</c>: the number appears in the user's Aircall phone (204).</summary>
    Task DialAsync(long aircallUserId, string e164, CancellationToken ct = default);

    /// <summary><c>GET /v1/calls/{id}</c>: the call's current (short-lived) recording and voicemail links.</summary>
    Task<AircallCallLinks> GetCallLinksAsync(long callId, CancellationToken ct = default);
}

public sealed record AircallCallLinks(string? Recording, string? Voicemail);

/// <summary>
/// Maps Aircall's answers to <see cref="AircallException"/> codes and never retries: a 429 carries
/// <c>X-AircallApi-Reset</c> (UNIX time the window resets), which becomes <see cref="AircallException.RetryAt"/>.
/// A singleton over <see cref="IHttpClientFactory"/> (a new client per request, pooled handlers).
/// </summary>
internal sealed class AircallClient(IHttpClientFactory httpFactory, AircallCredentials credentials, TimeProvider clock, ILogger<AircallClient> logger)
    : IAircallClient
{
    public const string HttpClientName = "aircall";

    public async Task DialAsync(long aircallUserId, string e164, CancellationToken ct = default)
    {
        var path = $"v1/users/{aircallUserId.ToString(CultureInfo.InvariantCulture)}/dial";
        // Not HTML: no need to escape "+" as \u002B; Aircall reads {"to": "+33..."} as documented.
        var body = JsonSerializer.Serialize(new { to = e164 }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        using var response = await SendAsync(HttpMethod.Post, path, new StringContent(body, Encoding.UTF8, "application/json"), ct);
        await ThrowUnlessSuccessAsync(response, $"dial by Aircall user {aircallUserId}", ct);
    }

    public async Task<AircallCallLinks> GetCallLinksAsync(long callId, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v1/calls/{callId.ToString(CultureInfo.InvariantCulture)}", null, ct);
        await ThrowUnlessSuccessAsync(response, $"call {callId}", ct);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var call = json.RootElement.TryGetProperty("call", out var c) ? c : json.RootElement;
        return new AircallCallLinks(AircallPayload.String(call, "recording"), AircallPayload.String(call, "voicemail"));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var set = await credentials.GetAsync(ct);
        if (!set.CanCallApi)
            throw new AircallException(AircallErrors.NotConfigured, "Aircall API ID/token are not set.");
        using var request = new HttpRequestMessage(method, new Uri(set.BaseUrl, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{set.ApiId}:{set.ApiToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new AircallException(AircallErrors.Unavailable, $"Aircall unreachable: {e.Message}", inner: e);
        }
    }

    private async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        // Aircall's error body: {"error": "...", "troubleshoot": "..."}; logged, never shown as is.
        var body = await response.Content.ReadAsStringAsync(ct);
        logger.LogWarning("Aircall refused {What}: {Status} {Body}", what, (int)response.StatusCode, body.Length > 500 ? body[..500] : body);
        var status = (int)response.StatusCode;
        throw status switch
        {
            429 => new AircallException(AircallErrors.RateLimited, $"Aircall rate limit reached ({what}).", RetryAt(response)),
            404 => new AircallException(AircallErrors.NotFound, $"Aircall: not found ({what})."),
            401 or 403 => new AircallException(AircallErrors.BadCredentials, $"Aircall refused the credentials ({what})."),
            400 or 405 or 409 or 422 => new AircallException(AircallErrors.UserUnavailable, $"Aircall refused {what}: {status} {body}"),
            _ => new AircallException(AircallErrors.Unavailable, $"Aircall failed ({what}): {status}"),
        };
    }

    /// <summary>
    /// <c>X-AircallApi-Reset</c> is a UNIX timestamp (seconds; milliseconds tolerated); without it, <c>Retry-After</c>;
    /// else a minute from now (Aircall's window is per minute).
    /// </summary>
    internal DateTimeOffset RetryAt(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-AircallApi-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset) && reset > 0)
            return reset > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(reset) : DateTimeOffset.FromUnixTimeSeconds(reset);
        if (response.Headers.RetryAfter?.Delta is { } delta)
            return clock.GetUtcNow() + delta;
        return clock.GetUtcNow().AddMinutes(1);
    }
}
