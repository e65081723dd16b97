using System.Runtime.Versioning;
using Facturix.Infrastructure.Database.LocalPostgres;

namespace Facturix.Tests.Database.LocalPostgres;

/// <summary>The server's Unix socket folder is the server's alone: private, owner-checked, never a guessable shared path.</summary>
[SupportedOSPlatform("linux")]
public sealed class SocketFolderTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void A_data_folder_too_long_for_a_socket_gets_a_new_private_folder_with_an_unguessable_name()
    {
        var longRoot = "/tmp/" + new string('x', 120);

        var first = new ClusterPaths(longRoot).SocketDirectory;
        var second = new ClusterPaths(longRoot).SocketDirectory;
        try
        {
            Assert.False(new ClusterPaths(longRoot).SocketIsInside);
            Assert.NotEqual(first, second); // not derived from the path: nobody can create it first
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), "facturix-pg-"), first, StringComparison.Ordinal);
            Assert.Equal(Private, File.GetUnixFileMode(first));
        }
        finally
        {
            Directory.Delete(first);
            Directory.Delete(second);
        }
    }

    [Fact]
    public async Task Only_a_real_folder_of_its_owner_closed_to_others_is_accepted()
    {
        using var temp = new TempFolder("socket");
        var own = Directory.CreateDirectory(temp.Sub("own")).FullName;
        File.SetUnixFileMode(own, Private);
        var open = Directory.CreateDirectory(temp.Sub("open")).FullName;
        File.SetUnixFileMode(open, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var link = temp.Sub("link");
        File.CreateSymbolicLink(link, own);

        await ClusterFolders.EnsurePrivateAsync(own, Environment.UserName, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterFolders.EnsurePrivateAsync(open, Environment.UserName, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterFolders.EnsurePrivateAsync(link, Environment.UserName, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterFolders.EnsurePrivateAsync(own, "somebody-else", CancellationToken.None));
    }
}
