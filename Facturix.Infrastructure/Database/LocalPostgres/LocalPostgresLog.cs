using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>The launcher's log messages. One Information line per start; the rest is Debug.</summary>
internal static partial class LocalPostgresLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Local PostgreSQL ready on 127.0.0.1:{Port}, database {Database}, data folder {DataFolder} ({How})")]
    public static partial void Ready(ILogger logger, int port, string database, string dataFolder, string how);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Creating a PostgreSQL cluster in {PgData} (initdb)")]
    public static partial void CreatingCluster(ILogger logger, string pgData);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Started PostgreSQL on {PgData}, port {Port}")]
    public static partial void Started(ILogger logger, string pgData, int port);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Port {Port} was taken before PostgreSQL could bind it; trying another")]
    public static partial void PortTaken(ILogger logger, int port);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Reusing the PostgreSQL server (pid {Pid}, port {Port}) already running on {PgData}; {Ownership}")]
    public static partial void ReusingRunning(ILogger logger, int pid, int port, string pgData, string ownership);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Restarting the orphan PostgreSQL server (pid {Pid}) on {PgData}: it does not listen on {Address}")]
    public static partial void RestartingOrphan(ILogger logger, int pid, string pgData, string address);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Leaving the {PidFile} that looks stale ({Reason}) to PostgreSQL, which judges it at start")]
    public static partial void LeavingUnreadablePidFile(ILogger logger, string pidFile, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Pid {Pid} of {PidFile} is not a running server of this folder: starting one, PostgreSQL judges the old file")]
    public static partial void LeavingStalePidFile(ILogger logger, int pid, string pidFile);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Created database {Database} in the local PostgreSQL cluster")]
    public static partial void CreatedDatabase(ILogger logger, string database);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Stopped the local PostgreSQL server in {DataFolder}")]
    public static partial void Stopped(ILogger logger, string dataFolder);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Leaving the local PostgreSQL server in {DataFolder} running: another live process started it")]
    public static partial void LeftRunning(ILogger logger, string dataFolder);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "pg_ctl stop -m {Mode} failed on {PgData}")]
    public static partial void StopAttemptFailed(ILogger logger, Exception exception, string mode, string pgData);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Could not stop the local PostgreSQL server in {DataFolder}")]
    public static partial void StopFailed(ILogger logger, Exception exception, string dataFolder);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Could not delete the throwaway PostgreSQL folder {Folder}")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, string folder);
}
