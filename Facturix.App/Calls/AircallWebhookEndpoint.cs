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
        using var reader = new StreamReader(request.Body);
        var buffer = new char[AircallWebhookIngest.MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > AircallWebhookIngest.MaxBodyBytes)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        // A JSON body (not an empty 401) so the status-code pages do not re-execute it as an HTML page.
        return await ingest.AcceptAsync(new string(buffer, 0, read), ct) switch
        {
            AircallWebhookOutcome.Stored or AircallWebhookOutcome.Ignored => Results.Ok(new { received = true }),
            AircallWebhookOutcome.Unauthorized => Results.Json(new { error = "invalid token" }, statusCode: StatusCodes.Status401Unauthorized),
            _ => Results.Json(new { error = "not an Aircall event" }, statusCode: StatusCodes.Status400BadRequest),
        };
    }
}
