using Facturix.App.Localization;
using Facturix.App.Shell;
using Facturix.App.Users;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.Users;
using Microsoft.Extensions.Localization;

namespace Facturix.App.Leads.Bulk;

/// <summary>
/// The leads CSV download: the bulk bar parks the selection and columns under a token (<see cref="LeadExportTokens"/>)
/// and navigates here. Authorized by the leads.export policy; the service checks again, applies the scope, audits and
/// streams the rows straight into the response.
/// </summary>
public static class LeadExportEndpoint
{
    public const string Path = "/leads/export/{token}";

    public static string For(string token) => $"/leads/export/{Uri.EscapeDataString(token)}";

    public static IEndpointRouteBuilder MapLeadExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (string token, HttpContext httpContext, ActorAccessor actors, LeadExportTokens tokens, ILeadExport export,
                IStringLocalizer<LeadsStrings> l, IStringLocalizer<EnumStrings> e, TimeProvider time, CancellationToken ct) =>
            {
                var actor = await actors.ForPrincipalAsync(httpContext.User);
                if (actor is not { IsActive: true }) return Results.Forbid();
                if (tokens.Take(token, actor.UserId) is not { } pending) return Results.NotFound();

                // Headers in the person's language (the request culture, as on the page).
                var headers = LeadColumns.All.ToDictionary(c => c, c => l[HeaderKey(c)].Value);
                var stages = Enum.GetValues<LeadStatus>().ToDictionary(s => s, s => e.Label(s));
                httpContext.Response.ContentType = "text/csv; charset=utf-8";
                httpContext.Response.Headers.ContentDisposition =
                    $"attachment; filename=\"facturix-leads-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
                httpContext.Response.Headers.CacheControl = "no-store";
                return await Downloads.WriteAsync(httpContext, () => export.ExportCsvAsync(actor, pending.Selection,
                    new LeadExportRequest(pending.Columns, pending.Separator, headers, stages, pending.SortBy, pending.SortDescending, pending.Search), httpContext.Response.Body, ct));
            })
            .RequireAuthorization(CapabilityPolicies.PolicyName(Capability.LeadsExport))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The table's column title key in LeadsStrings ("Col.Name", "Col.LastActivity", ...).</summary>
    public static string HeaderKey(string column) => column switch
    {
        LeadColumns.LastActivity => "Col.LastActivity",
        _ => "Col." + char.ToUpperInvariant(column[0]) + column[1..],
    };
}
