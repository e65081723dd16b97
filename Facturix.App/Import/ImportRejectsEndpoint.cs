using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.App.Users;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Facturix.App.Import;

/// <summary>
/// The rejected rows of an import as CSV: <c>GET /import/{id}/rejects.csv</c>, linked from the progress page. Authorized by
/// the imports.run policy; the service checks the capability and the scope again and streams the rows straight into the
/// response, each with its reason, and the columns the file adds, in the person's language (the request culture, as on the page).
/// </summary>
public static class ImportRejectsEndpoint
{
    public const string Path = "/import/{id:guid}/rejects.csv";

    public static string For(Guid importId) => $"/import/{importId}/rejects.csv";

    public static IEndpointRouteBuilder MapImportRejects(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Guid id, HttpContext httpContext, ActorAccessor actors, IImportService imports,
                IStringLocalizer<ErrorStrings> reasons, IStringLocalizer<ImportStrings> words, CancellationToken ct) =>
            {
                var actor = await actors.ForPrincipalAsync(httpContext.User);
                if (actor is not { IsActive: true }) return Results.Forbid();
                ImportSummary import;
                try
                {
                    // Before the first byte: an unknown or out-of-scope import is a plain 404, not a broken download.
                    import = await imports.GetAsync(actor, id, ct);
                }
                catch (NotFoundException)
                {
                    return Results.NotFound();
                }

                httpContext.Response.ContentType = "text/csv; charset=utf-8";
                httpContext.Response.Headers.ContentDisposition = Disposition(import.FileName, words["Rejects.FileSuffix"]).ToString();
                httpContext.Response.Headers.CacheControl = "no-store";
                return await Downloads.WriteAsync(httpContext, () => imports.WriteRejectsAsync(actor, id, httpContext.Response.Body,
                    code => ImportText.Reason(reasons, code), ImportText.RejectsColumns(words), ct));
            })
            .RequireAuthorization(CapabilityPolicies.PolicyName(Capability.ImportsRun))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// "clients-rejets.csv" (English: "clients-rejects.csv") from "clients.csv": the person's own file name with the suffix
    /// in their language. Browsers take the UTF-8 name (<c>filename*</c>, RFC 6266), so "Île-de-France.csv" stays
    /// recognisable; <c>filename</c> is its ASCII fallback, safe characters only.
    /// </summary>
    internal static ContentDispositionHeaderValue Disposition(string original, string suffix)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(original).Trim();
        var readable = new string(stem.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray());
        var safe = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('_');
        return new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"{(safe.Length == 0 ? "import" : safe)}-{suffix}.csv",
            FileNameStar = $"{(readable.Length == 0 ? "import" : readable)}-{suffix}.csv",
        };
    }
}
