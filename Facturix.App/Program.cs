using Facturix.App.Audit;
using Facturix.App.Components;
using Facturix.App.Leads.Detail;
using Facturix.App.Localization;
using Facturix.App.Security;
using Facturix.App.Shell;
using Facturix.App.SignIn;
using Facturix.App.Users;
using Facturix.App.Workspace;
using Facturix.Infrastructure;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Database.LocalPostgres;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.Jobs;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.Leads.Duplicates;
using Facturix.Infrastructure.Leads.Bulk;
using Facturix.Infrastructure.Import;
using Facturix.Infrastructure.Workspace;
using Facturix.Infrastructure.SignIn;
using Facturix.Infrastructure.Security;
using Facturix.Infrastructure.Users;

var builder = WebApplication.CreateBuilder(args);

// No connection string: start (or reuse) the embedded local PostgreSQL and point the app at it.
try
{
    await builder.StartEmbeddedPostgresIfNeededAsync();
}
catch (PostgresBinariesNotFoundException ex)
{
    // One clear message naming the ways out, not a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}
var connectionString = builder.Configuration.GetConnectionString("Facturix")
    ?? throw new InvalidOperationException("ConnectionStrings:Facturix is not set.");

builder.Services.AddFacturixInfrastructure(connectionString);
Facturix.Infrastructure.Dashboard.DashboardSetup.AddFacturixCacheStore(builder.Services, builder.Configuration); // Redis as the dashboard cache's second level when Facturix:Cache:Redis is set
builder.Services.AddFacturixKeyEncryption(builder.Configuration, builder.Environment.IsDevelopment());
builder.Services.AddFacturixIdentity();
builder.Services.AddFacturixSignIn(builder.Configuration);
builder.Services.AddFacturixJobs(connectionString, quartz => quartz.AddLeadJobs().AddDuplicateScanJob().AddLeadBulkJob().AddWorkspaceJobs().AddImportJobs());
builder.Services.AddFacturixDemoData(builder.Configuration);
builder.Services.AddFacturixLocalization();
builder.Services.AddFacturixShell();
builder.Services.AddFacturixWorkspace();
builder.Services.AddSingleton<Facturix.App.Leads.Bulk.LeadExportTokens>();
builder.Services.AddScoped<Facturix.App.Import.ImportOpening>();
builder.Services.AddLeadPresenceCircuits(); // who has a lead open: left when a circuit closes (Leads/Detail/LeadPresenceCircuit.cs)
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddFacturixTransportSecurity(builder.Configuration, builder.Environment);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
await app.Services.GetRequiredService<DemoDataStartup>().SeedIfConfiguredAsync();

app.UseFacturixTransportSecurity(app.Configuration, app.Environment);
app.UseFacturixSecurityHeaders();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseFacturixLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapSignInEndpoints();
app.MapAuditExport();
Facturix.App.Leads.Bulk.LeadExportEndpoint.MapLeadExport(app);
Facturix.App.Import.ImportRejectsEndpoint.MapImportRejects(app);
Facturix.App.Calls.AircallWebhookEndpoint.MapAircallWebhook(app);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
