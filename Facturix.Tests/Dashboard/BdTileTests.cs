using Facturix.Domain.Dashboard;

namespace Facturix.Tests.Dashboard;

/// <summary>A tile has something to show when a figure of the period or a day of its sparkline is not zero.</summary>
public sealed class BdTileTests
{
    private static BdTile Tile(int calls = 0, int contacts = 0, int emails = 0, int tasks = 0, int meetings = 0, int callsDaysAgo = -1) =>
        new(Guid.NewGuid(), "bd@test.local", "BD", calls, contacts, emails, tasks, meetings,
            Enumerable.Range(0, 14).Select(day => day == callsDaysAgo ? 2 : 0).ToList());

    [Fact]
    public void Only_a_tile_of_zeros_everywhere_has_no_activity()
    {
        Assert.False(Tile().HasActivity);
        Assert.True(Tile(calls: 1).HasActivity);
        Assert.True(Tile(contacts: 1).HasActivity);
        Assert.True(Tile(emails: 1).HasActivity);
        Assert.True(Tile(tasks: 1).HasActivity);
        Assert.True(Tile(meetings: 1).HasActivity);
        Assert.True(Tile(callsDaysAgo: 10).HasActivity); // nothing this period, calls last week: the sparkline says so
    }
}
