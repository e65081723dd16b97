namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// <c>owner.pid</c>: which live cluster instance started the running server, so that only it stops the
/// server, and a server whose owner died can be adopted.
/// </summary>
internal static class OwnerFile
{
    /// <summary>"pid start-time instance": which process, and which cluster object in it, owns the running server.</summary>
    public static string NewStamp() => $"{UnixSystem.CurrentProcessStamp()} {Guid.NewGuid():N}";

    /// <summary>The stamp in the file, or "" when there is none (which counts as no owner).</summary>
    public static string Read(ClusterPaths paths)
    {
        try
        {
            return File.Exists(paths.OwnerFile) ? File.ReadAllText(paths.OwnerFile).Trim() : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static Task WriteAsync(ClusterPaths paths, string ownerStamp, CancellationToken ct) =>
        File.WriteAllTextAsync(paths.OwnerFile, ownerStamp, ct);

    /// <summary>Deletes the file if it still holds <paramref name="ownerStamp"/>: never takes away another owner's claim.</summary>
    public static void TryDelete(ClusterPaths paths, string ownerStamp)
    {
        try
        {
            if (Read(paths) == ownerStamp)
            {
                File.Delete(paths.OwnerFile);
            }
        }
        catch (IOException)
        {
            // Harmless: a stamp of a dead process counts as no owner.
        }
    }
}
