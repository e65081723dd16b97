using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Facturix.Infrastructure.Jobs;

/// <summary>Registers Facturix's Quartz scheduler: persistent, clustered, on the application's PostgreSQL database.</summary>
public static class JobsSetup
{
    /// <summary>
    /// The scheduler's name, stored as <c>sched_name</c> in every <c>qrtz_</c> row. Every instance of the app
    /// uses the same name, which is what makes them one cluster.
    /// </summary>
    public const string SchedulerName = "Facturix";

    /// <summary>How often a node records in <c>qrtz_scheduler_state</c> that it is alive.</summary>
    public static readonly TimeSpan ClusterCheckinInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long past a missed check-in the other nodes wait before treating a node as dead and recovering its
    /// work, so a dead node's jobs are taken over after about <see cref="ClusterCheckinInterval"/> plus this.
    /// Large enough to ride out a GC pause or a database failover without recovering a node that is still working.
    /// </summary>
    public static readonly TimeSpan ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How late a trigger may fire before it counts as misfired and its misfire instruction applies
    /// (e.g. after every node was down). One minute: a deploy's restart does not turn every due trigger
    /// into a misfire, and an hourly job that was hours late is not silently replayed as if on time.
    /// </summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Adds the Quartz scheduler <see cref="SchedulerName"/> and the hosted service that starts it with the app
    /// and, on shutdown, waits for running jobs to complete. The scheduler is the container's
    /// <see cref="IScheduler"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Jobs and triggers live in PostgreSQL (ADO job store, Npgsql, tables prefixed <see cref="QuartzSchema.TablePrefix"/>),
    /// so a scheduled job survives a restart; the store is clustered with an auto-generated instance id per
    /// node, so every app instance on the database takes part and a trigger fires on exactly one of them.
    /// Job data is stored as strings with Quartz's System.Text.Json serializer: put ids and small values in a
    /// job's data, never objects — a job reloads what it needs, which also keeps it idempotent and resumable.
    /// </para>
    /// <para>
    /// The schema is never created here: the EF Core migration that runs <see cref="QuartzSchema.CreateSql"/>
    /// owns it, and the store only validates it at startup, refusing to start without it.
    /// </para>
    /// </remarks>
    /// <param name="services">The application's services.</param>
    /// <param name="connectionString">The PostgreSQL connection string of the application's database.</param>
    /// <param name="configure">
    /// Further configuration applied after Facturix's defaults — jobs and triggers (<c>AddJob</c>,
    /// <c>ScheduleJob</c>), or a setting a test needs to differ.
    /// </param>
    public static IServiceCollection AddFacturixJobs(
        this IServiceCollection services,
        string connectionString,
        Action<IQuartzBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                // Said explicitly although UseClustering implies it: every node needs an id of its own.
                scheduler.GenerateInstanceId = true;
            });

            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = ClusterCheckinInterval;
                    cluster.CheckinMisfireThreshold = ClusterCheckinMisfireThreshold;
                });
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = QuartzSchema.TablePrefix;
                    options.StoreJobDataAsStrings = true;
                    options.MisfireThreshold = MisfireThreshold;
                    options.SchemaProvisioning = SchemaProvisioning.Validate;
                });
            });

            configure?.Invoke(quartz);
        });

        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

        return services;
    }
}
