using Facturix.App.Shell;
using Facturix.App.Users;
using Facturix.Domain.Audit;
using Facturix.Domain.Users;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Audit;

/// <summary>
/// The audit log's CSV download (the page's <c>audit-export</c> link): a plain GET, since a file download is what
/// HTTP does and a circuit cannot. Authorized by the same capability policy as the page; the service checks again,
/// applies the reader's scope and audits the export. Actions and target types are worded in the request's language
/// (the culture cookie, as on the page), beside their codes.
/// </summary>
public static class AuditExportEndpoint
{
    public const string Path = "/admin/audit/export";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext httpContext, ActorAccessor actors, IAuditLog log, IStringLocalizer<AuditStrings> strings,
                TimeProvider time, CancellationToken ct) =>
            {
                var actor = await actors.ForPrincipalAsync(httpContext.User);
                if (actor is not { IsActive: true }) return Results.Forbid();
                var filter = AuditFilter.Parse(httpContext.Request.Query);

                httpContext.Response.ContentType = "text/csv; charset=utf-8";
                httpContext.Response.Headers.ContentDisposition =
                    $"attachment; filename=\"facturix-audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
                httpContext.Response.Headers.CacheControl = "no-store";
                return await Downloads.WriteAsync(httpContext, () => log.ExportCsvAsync(actor, filter.ToQuery(), httpContext.Response.Body,
                    strings.ExportLabels(), ct));
            })
            .RequireAuthorization(CapabilityPolicies.PolicyName(Capability.AuditRead))
            .ExcludeFromDescription();
        return app;
    }
}
