using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Audit;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.Leads.Views;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Tasks;
using Facturix.Infrastructure.LiveEvents;
using Facturix.Infrastructure.Users;
using Facturix.Infrastructure.Users.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
    public DbSet<CampaignObjection> CampaignObjections => Set<CampaignObjection>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<TaskItem> Tasks => Set<TaskItem>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RoleCapability> RoleCapabilities => Set<RoleCapability>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<LeadDuplicateGroup> LeadDuplicateGroups => Set<LeadDuplicateGroup>();
    public DbSet<LeadDuplicateMember> LeadDuplicateMembers => Set<LeadDuplicateMember>();
    public DbSet<LeadMerge> LeadMerges => Set<LeadMerge>();
    public DbSet<LeadCleanupBatch> LeadCleanupBatches => Set<LeadCleanupBatch>();
    public DbSet<BulkOperation> BulkOperations => Set<BulkOperation>();
    public DbSet<LeadCrossClientConflict> LeadCrossClientConflicts => Set<LeadCrossClientConflict>();
    public DbSet<Facturix.Domain.Workspace.LeadPresenceEntry> LeadPresences => Set<Facturix.Domain.Workspace.LeadPresenceEntry>();
    public DbSet<Facturix.Domain.Calls.AircallEvent> AircallEvents => Set<Facturix.Domain.Calls.AircallEvent>();
    public DbSet<Facturix.Domain.Calls.AircallSettings> AircallSettings => Set<Facturix.Domain.Calls.AircallSettings>();
    public DbSet<Facturix.Domain.Import.LeadImport> Imports => Set<Facturix.Domain.Import.LeadImport>();
    public DbSet<Facturix.Domain.Import.ImportReject> ImportRejects => Set<Facturix.Domain.Import.ImportReject>();
    public DbSet<Facturix.Domain.Import.ImportLeadUpdate> ImportLeadUpdates => Set<Facturix.Domain.Import.ImportLeadUpdate>();
    public DbSet<Facturix.Domain.Import.ImportMappingTemplate> ImportMappingTemplates => Set<Facturix.Domain.Import.ImportMappingTemplate>();
    public DbSet<Dashboard.ActivityDailyRollup> ActivityDaily => Set<Dashboard.ActivityDailyRollup>();
    public DbSet<Facturix.Domain.Dashboard.Goals.Goal> Goals => Set<Facturix.Domain.Dashboard.Goals.Goal>();

    /// <summary>
    /// Queues a live event to be announced by the next <see cref="SaveChangesAsync(bool, CancellationToken)"/>,
    /// in the same transaction as the change: subscribers see it if and only if the change committed.
    /// <code>
    /// db.Leads.Add(lead);
    /// db.Publish(new LeadUpdated(lead.Id, lead.CampaignId));
    /// await db.SaveChangesAsync(ct);
    /// </code>
    /// </summary>
    public void Publish(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        _pendingEvents.Add(liveEvent);
    }

    /// <summary>
    /// Announces events for a write that bypasses SaveChanges (ExecuteUpdate, raw SQL such as
    /// <c>FOR UPDATE SKIP LOCKED</c>), inside the transaction that makes the change; they reach subscribers at its
    /// commit and never if it rolls back. Every payload is checked before anything is sent.
    /// <code>
    /// await using var tx = await db.Database.BeginTransactionAsync(ct);
    /// await db.Leads.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.LockedById, userId), ct);
    /// await db.PublishNowAsync([new LeadLocked(id, campaignId, userId, email)], ct);
    /// await tx.CommitAsync(ct);
    /// </code>
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on this context.</exception>
    /// <exception cref="LiveEventTooLargeException">An event does not fit in a NOTIFY payload.</exception>
    public Task PublishNowAsync(IEnumerable<LiveEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Database.CurrentTransaction is null)
            throw new InvalidOperationException(
                "PublishNowAsync must run inside the transaction that makes the change " +
                "(db.Database.BeginTransactionAsync ... PublishNowAsync ... CommitAsync): outside one, an event " +
                "could announce a change that never commits. Writes through SaveChanges use Publish instead.");
        return PublishInCurrentTransactionAsync(events, cancellationToken);
    }

    /// <inheritdoc cref="PublishNowAsync(IEnumerable{LiveEvent}, CancellationToken)"/>
    public Task PublishNowAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default) =>
        PublishNowAsync([liveEvent], cancellationToken);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NulCharacters.StripFrom(ChangeTracker);
        if (_pendingEvents.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // Refuse an event NOTIFY cannot carry before writing anything, so the change fails as a whole.
        _ = LiveEventPayload.SerializeForNotify(_pendingEvents);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await PublishInCurrentTransactionAsync(_pendingEvents, cancellationToken);
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

    private Task PublishInCurrentTransactionAsync(IEnumerable<LiveEvent> events, CancellationToken cancellationToken) =>
        LiveEventPublisher.PublishAsync(
            (NpgsqlConnection)Database.GetDbConnection(),
            (NpgsqlTransaction)Database.CurrentTransaction!.GetDbTransaction(),
            events,
            cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (_pendingEvents.Count > 0)
            throw new InvalidOperationException("Use SaveChangesAsync when live events are queued.");
        NulCharacters.StripFrom(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("citext");
        // The leads' quick search ignores accents (docs/decisions/0032): unaccent and the folding function of the LeadSearch migration
        // (the stored folded text: docs/decisions/0044).
        builder.HasPostgresExtension("unaccent");
        builder.HasDbFunction(typeof(Facturix.Infrastructure.Leads.LeadSearchSql).GetMethod(nameof(Facturix.Infrastructure.Leads.LeadSearchSql.Fold))!)
            .HasName(Facturix.Infrastructure.Leads.LeadSearchSql.UnaccentFunction).HasSchema("public");
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
        configurationBuilder.Properties<DuplicateReason>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<BulkOperationState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Facturix.Domain.Import.ImportState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Facturix.Domain.Import.ImportFileKind>().HaveConversion<string>().HaveMaxLength(16);
    }
}
