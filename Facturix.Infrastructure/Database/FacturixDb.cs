using System.Text.Json;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Tasks;
using Facturix.Infrastructure.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Database;

/// <summary>
/// The one EF Core context. Services create a short-lived instance per operation through
/// <see cref="IDbContextFactory{TContext}"/>; components never hold one.
/// </summary>
public sealed class FacturixDb(DbContextOptions<FacturixDb> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The PostgreSQL channel every instance LISTENs on.</summary>
    public const string LiveEventChannel = "facturix_events";

    private readonly List<LiveEvent> _pendingEvents = [];

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountAssignment> AccountAssignments => Set<AccountAssignment>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignAssignment> CampaignAssignments => Set<CampaignAssignment>();
    public DbSet<CampaignStatus> CampaignStatuses => Set<CampaignStatus>();
    public DbSet<CampaignOutcome> CampaignOutcomes => Set<CampaignOutcome>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<TaskItem> Tasks => Set<TaskItem>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RoleCapability> RoleCapabilities => Set<RoleCapability>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Queues a live event to be announced by the next <see cref="SaveChangesAsync(CancellationToken)"/>,
    /// in the same transaction as the change: subscribers see it if and only if the change committed.
    /// </summary>
    public void Publish(LiveEvent liveEvent) => _pendingEvents.Add(liveEvent);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_pendingEvents.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var liveEvent in _pendingEvents)
            {
                var payload = JsonSerializer.Serialize(liveEvent);
                await Database.ExecuteSqlAsync($"SELECT pg_notify({LiveEventChannel}, {payload})", cancellationToken);
            }
            _pendingEvents.Clear();
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _pendingEvents.Count == 0
            ? base.SaveChanges(acceptAllChangesOnSuccess)
            : throw new InvalidOperationException("Use SaveChangesAsync when live events are queued.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("citext");
        builder.ApplyConfigurationsFromAssembly(typeof(FacturixDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as text: readable in SQL, and adding a member needs no data migration.
        configurationBuilder.Properties<LeadStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CampaignState>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ActivityKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CallOutcome>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<TaskPriority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AccountStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CallDirection>().HaveConversion<string>().HaveMaxLength(16);
    }
}
