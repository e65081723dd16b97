using Microsoft.Extensions.Logging;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// What every step of starting and stopping a cluster needs: its settings and folders, the binaries, the
/// system user to run them as (null: this user), where to log, and the stamp that marks this instance as owner.
/// </summary>
internal sealed record ClusterContext(
    LocalPostgresOptions Options, ClusterPaths Paths, string BinDirectory, string? RunAs, ILogger Logger, string OwnerStamp)
{
    /// <summary>The full path of one of <see cref="PostgresBinaries.RequiredPrograms"/>.</summary>
    public string Program(string name) => Path.Combine(BinDirectory, name);
}
