using Facturix.Infrastructure.Calls;

namespace Facturix.App.Calls;

/// <summary>
/// <c>POST /webhooks/aircall</c>: anonymous (Aircall authenticates by the <c>token</c> in the body, checked in
/// <see cref="AircallWebhookIngest"/>), no antiforgery, and fast: it stores the raw event and answers; a background
/// worker does the rest (docs/decisions/0048).
/// </summary>
public static class AircallWebhookEndpoint
{
    public const string Path = "/webhooks/aircall";

    public static IEndpointConventionBuilder MapAircallWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(HttpRequest request, AircallWebhookIngest ingest, CancellationToken ct)
    {
        if (request.ContentLength > AircallWebhookIngest.MaxBodyBytes)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        // Chunked bodies have no length: the server stops reading past the limit (BadHttpRequestException, 413).
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = AircallWebhookIngest.MaxBodyBytes;
        string body;
        using (var reader = new StreamReader(request.Body))
            body = await reader.ReadToEndAsync(ct);
        // A JSON body (not an empty 401) so the status-code pages do not re-execute it as an HTML page.
        return await ingest.AcceptAsync(body, ct) switch
        {
            AircallWebhookOutcome.Stored or AircallWebhookOutcome.Ignored => Results.Ok(new { received = true }),
            AircallWebhookOutcome.Unauthorized => Results.Json(new { error = "invalid token" }, statusCode: StatusCodes.Status401Unauthorized),
            _ => Results.Json(new { error = "not an Aircall event" }, statusCode: StatusCodes.Status400BadRequest),
        };
    }
}
