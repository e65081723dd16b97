using Microsoft.Extensions.Configuration;
using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Accounts;
using Facturix.Infrastructure.Campaigns;
using Facturix.Infrastructure.Dashboard;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Infrastructure.Users;
using Facturix.Infrastructure.Users.Sessions;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Facturix.Infrastructure;

public static class InfrastructureSetup
{
    /// <summary>
    /// Registers the database, the live-event bus, Data Protection keys in the database and every domain
    /// service. A new feature adds its services here, one line each, with the lifetime its dependencies need:
    /// singleton when it only uses the context factory, the clock and other singletons (every service today);
    /// scoped (one per circuit) when it uses <c>UserManager</c> or another scoped service. The app's host
    /// validates scopes at start in Development, and the browser tests run it that way.
    /// </summary>
    public static IServiceCollection AddFacturixInfrastructure(this IServiceCollection services, string connectionString)
    {
        // TryAdd: tests register a FakeTimeProvider first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddDbContextFactory<FacturixDb>((sp, options) =>
        {
            FacturixDbOptions.Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            // EF interceptors registered in DI join every context: none in the app; tests count commands with one.
            var interceptors = sp.GetServices<IInterceptor>().ToList();
            if (interceptors.Count > 0)
                options.AddInterceptors(interceptors);
        });

        services.AddOptions<LiveEventBusOptions>();
        services.AddSingleton(sp => new PostgresLiveEventBus(
            connectionString,
            sp.GetRequiredService<IOptions<LiveEventBusOptions>>().Value,
            sp.GetRequiredService<ILogger<PostgresLiveEventBus>>(),
            sp.GetServices<ILiveEventObserver>()));
        services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<PostgresLiveEventBus>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresLiveEventBus>());

        // Keys in the database: sign-ins survive a restart and work across instances.
        services.AddDataProtection().SetApplicationName("Facturix").PersistKeysToDbContext<FacturixDb>();

        services.AddSingleton<DatabaseInitializer>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<LiveEventsHealthCheck>("live-events");

        services.AddValidatorsFromAssemblyContaining<AccountInputValidator>(ServiceLifetime.Singleton);
        DashboardSetup.AddFacturixDashboard(services);
        services.AddSingleton<Domain.Dashboard.Goals.IGoalService, Dashboard.Goals.GoalService>();
        services.AddSingleton<Domain.Dashboard.AtRisk.IAtRiskService, Dashboard.AtRisk.AtRiskService>();
        services.AddSingleton<IAccountService, AccountService>();
        services.AddSingleton<ILeadService, LeadService>();
        services.AddSingleton<Leads.Duplicates.DuplicateScanner>();
        services.AddSingleton<Domain.Leads.Duplicates.IDuplicateService, Leads.Duplicates.DuplicateService>();
        services.AddSingleton<IUserPreferencesService, UserPreferencesService>();
        services.AddSingleton<GeneratedPasswords>();
        services.AddSingleton<IUserDirectory, UserDirectory>();
        services.AddSingleton<IPermissionMatrix, PermissionMatrix>();
        services.AddSingleton<IActorResolver, ActorResolver>();
        // Server-side sessions: the cookie handler's ticket store (wired in IdentitySetup) and the circuits' check.
        services.AddOptions<AuthSessionOptions>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<ITicketStore>(sp => sp.GetRequiredService<DatabaseTicketStore>());
        services.AddSingleton<ISessionCheck>(sp => sp.GetRequiredService<DatabaseTicketStore>());
        services.AddSingleton<ISessionService, SessionService>();
        services.AddSingleton<Facturix.Domain.Audit.IAuditLog, Facturix.Infrastructure.Audit.AuditLog>();
        services.AddSingleton<ICampaignService, CampaignService>();
        services.AddSingleton<Facturix.Domain.Campaigns.ICampaignStatusService, Facturix.Infrastructure.Campaigns.CampaignStatusService>();
        services.AddSingleton<Facturix.Domain.Campaigns.ICampaignOutcomeService, Facturix.Infrastructure.Campaigns.CampaignOutcomeService>();
        services.AddSingleton<ICampaignScriptService, CampaignScriptService>();
        services.AddSingleton<ICampaignAssignmentService, CampaignAssignmentService>();
        services.AddOptions<LeadListOptions>();
        services.AddSingleton<ILeadQueries, LeadQueries>();
        services.AddSingleton<Facturix.Domain.Search.IGlobalSearch, Search.GlobalSearch>();
        services.AddSingleton<Facturix.Domain.Tasks.ITaskService, Tasks.TaskService>();
        services.AddSingleton<Facturix.Domain.Leads.Board.ILeadBoard, LeadBoard>();
        services.AddSingleton<Facturix.Domain.Leads.Cleanup.ILeadCleanupService, Facturix.Infrastructure.Leads.Cleanup.LeadCleanupService>();
        // Leads bulk actions and export (issue 13); large actions run as LeadBulkJob (AddLeadBulkJob in the app's jobs).
        services.AddOptions<Leads.Bulk.LeadBulkOptions>();
        services.AddSingleton<Leads.Bulk.LeadBulkService>();
        services.AddSingleton<Domain.Leads.Bulk.ILeadBulkService>(sp => sp.GetRequiredService<Leads.Bulk.LeadBulkService>());
        services.AddSingleton<Leads.Bulk.IBulkOperationLauncher, Leads.Bulk.QuartzBulkOperationLauncher>();
        services.AddSingleton<Domain.Leads.Bulk.ILeadExport, Leads.Bulk.LeadExport>();
        services.AddSingleton<Facturix.Domain.Leads.Views.ISavedViewService, Facturix.Infrastructure.Leads.Views.SavedViewService>();
        // The BD workspace (issue 14): queue and lease locks, outcomes, script and context, who has a lead open.
        services.AddSingleton<Facturix.Domain.Workspace.IWorkspaceQueue, Facturix.Infrastructure.Workspace.WorkspaceQueue>();
        services.AddSingleton<Facturix.Domain.Workspace.IWorkspaceOutcomes, Facturix.Infrastructure.Workspace.WorkspaceOutcomes>();
        services.AddSingleton<Facturix.Domain.Workspace.IWorkspaceContext, Facturix.Infrastructure.Workspace.WorkspaceContext>();
        services.AddSingleton<Facturix.Domain.Workspace.ILeadPresence, Facturix.Infrastructure.Workspace.LeadPresence>();
        // Lead import (issue 15): the wizard's files, then the job (LeadImportJob, AddImportJobs in the app's jobs).
        services.AddSingleton<Facturix.Infrastructure.Import.IImportRowReader, Facturix.Infrastructure.Import.ImportRowReader>();
        Facturix.Infrastructure.Import.ImportFileOptions.AddTo(services);
        services.AddSingleton<Facturix.Domain.Import.IImportFiles, Facturix.Infrastructure.Import.ImportFiles>();
        services.AddSingleton<Facturix.Domain.Import.IImportService, Facturix.Infrastructure.Import.ImportService>();
        // Facturix:Import:BatchSize, beside the upload settings: a deployment short of memory can take smaller batches.
        services.AddOptions<Import.ImportJobOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            if (sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>() is { } configuration)
                configuration.GetSection(Import.ImportFileOptions.Section).Bind(o);
        });
        services.AddSingleton<Import.LeadImportRunner>();
        services.AddSingleton<Import.ImportResumeStart>();
        services.AddSingleton<Import.IImportLauncher, Import.QuartzImportLauncher>();
        // Aircall (issue 14): click-to-dial, the webhook's store-then-process pipeline, unmatched calls, credentials.
        Calls.AircallSetup.AddFacturixAircall(services);
        return services;
    }
}
