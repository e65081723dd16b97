using Facturix.Domain.Common;
using FluentValidation;

namespace Facturix.App.Shell;

/// <summary>
/// A file download's body written by a service, in one place for every CSV endpoint: a refusal the service raises before
/// its first byte (a lead left the person's scope, a capability was just withdrawn, a bad request) becomes the plain
/// status it means, instead of a 500 announced as an attachment. Once bytes are sent, the status is gone: it propagates.
/// </summary>
public static class Downloads
{
    public static async Task<IResult> WriteAsync(HttpContext http, Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await write();
            return Results.Empty;
        }
        catch (Exception refusal) when (!http.Response.HasStarted && StatusOf(refusal) is { } status)
        {
            http.Response.Clear();
            return Results.StatusCode(status);
        }
    }

    private static int? StatusOf(Exception refusal) => refusal switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        ForbiddenException => StatusCodes.Status403Forbidden,
        ValidationException => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
