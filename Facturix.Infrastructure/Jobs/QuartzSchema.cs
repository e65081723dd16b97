namespace Facturix.Infrastructure.Jobs;

/// <summary>
/// The PostgreSQL schema of Quartz.NET's persistent (ADO.NET) job store, for the Quartz version this
/// solution references (4.7.3), under the table prefix <see cref="TablePrefix"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CreateSql"/> is Quartz 4.7.3's own PostgreSQL schema script — the resource
/// <c>Quartz.Impl.AdoJobStore.Schema.create_postgres.sql</c> embedded in <c>Quartz.dll</c>, which is what
/// the job store itself would run with <c>SchemaProvisioning.CreateIfMissing</c> — with the prefix
/// placeholders filled in and the comments removed. It is deliberately not the
/// <c>database/tables/tables_postgres.sql</c> of an older Quartz checkout: 4.x added columns (continuations,
/// retry, overlap and pause details, per-trigger misfire threshold, progress) and tables
/// (<c>qrtz_paused_job_grps</c>, <c>qrtz_execution_history</c>, <c>qrtz_misfire_history</c>,
/// <c>qrtz_job_status</c>) that 3.x never had. A test (<c>QuartzSchemaTests</c>) compares this text with
/// the resource, so a Quartz upgrade that changes the schema fails a test rather than the app's startup.
/// When it does, add a new EF Core migration with the upgrade script from Quartz's
/// <c>database/migrations/</c> and refresh this text; never edit a migration that has been applied.
/// </para>
/// <para>
/// Every statement is <c>CREATE ... IF NOT EXISTS</c> and nothing drops anything, so running it twice
/// is harmless. The scheduler only validates the schema at startup (it never creates it): the EF Core
/// migration that runs <c>migrationBuilder.Sql(QuartzSchema.CreateSql)</c> owns it, and its <c>Down</c>
/// runs <see cref="DropSql"/>.
/// </para>
/// <para>The vendored script itself is in <c>QuartzSchema.CreateSql.cs</c>, apart from the code that names and drops it.</para>
/// </remarks>
public static partial class QuartzSchema
{
    /// <summary>The table prefix the schema is created under and the job store is configured with.</summary>
    public const string TablePrefix = "qrtz_";

    /// <summary>Drops every Quartz table (and with them their indexes), children before parents; safe to run more than once.</summary>
    public const string DropSql = """
        DROP TABLE IF EXISTS qrtz_job_status;
        DROP TABLE IF EXISTS qrtz_misfire_history;
        DROP TABLE IF EXISTS qrtz_execution_history;
        DROP TABLE IF EXISTS qrtz_locks;
        DROP TABLE IF EXISTS qrtz_scheduler_state;
        DROP TABLE IF EXISTS qrtz_fired_triggers;
        DROP TABLE IF EXISTS qrtz_paused_job_grps;
        DROP TABLE IF EXISTS qrtz_paused_trigger_grps;
        DROP TABLE IF EXISTS qrtz_calendars;
        DROP TABLE IF EXISTS qrtz_blob_triggers;
        DROP TABLE IF EXISTS qrtz_simprop_triggers;
        DROP TABLE IF EXISTS qrtz_cron_triggers;
        DROP TABLE IF EXISTS qrtz_simple_triggers;
        DROP TABLE IF EXISTS qrtz_triggers;
        DROP TABLE IF EXISTS qrtz_job_details;
        """;

    /// <summary>The tables <see cref="CreateSql"/> creates, parents before children.</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "qrtz_job_details",
        "qrtz_triggers",
        "qrtz_simple_triggers",
        "qrtz_cron_triggers",
        "qrtz_simprop_triggers",
        "qrtz_blob_triggers",
        "qrtz_calendars",
        "qrtz_paused_trigger_grps",
        "qrtz_paused_job_grps",
        "qrtz_fired_triggers",
        "qrtz_scheduler_state",
        "qrtz_locks",
        "qrtz_execution_history",
        "qrtz_misfire_history",
        "qrtz_job_status"
    ];
}
