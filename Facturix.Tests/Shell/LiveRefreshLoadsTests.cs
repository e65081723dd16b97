using Facturix.Tests.Support;

namespace Facturix.Tests.Shell;

/// <summary>
/// Decision 0106: a live reload may overlap the page's first load (LiveRefresh replays what arrived while it loaded), so
/// every live component keeps only its newest load. The behaviour itself is tested where it showed (LeadsPageLiveTests,
/// ImportProgressPageTests); this keeps a new page from missing it.
/// </summary>
public sealed class LiveRefreshLoadsTests
{
    /// <summary>Components whose only load is their LiveRefresh's own, which never overlaps itself.</summary>
    private static readonly HashSet<string> LoadOnlyThroughLiveRefresh = new(StringComparer.Ordinal)
    {
        "LeadBulkBar.razor", // re-reads the operation it started, on its events only
        "ImportDoneNotice.razor", // announces each ended import once, whichever read sees it first
    };

    [Fact]
    public void Every_component_with_a_live_refresh_keeps_only_its_newest_load()
    {
        var unguarded = SourceTree.RazorFiles()
            .Select(file => (Name: Path.GetFileName(file), Text: File.ReadAllText(file) + CodeBehind(file)))
            .Where(c => c.Text.Contains("<LiveRefresh", StringComparison.Ordinal) && !LoadOnlyThroughLiveRefresh.Contains(c.Name))
            // A MudDataGrid cancels and discards a superseded ServerData call itself.
            .Where(c => !c.Text.Contains("NewestLoad", StringComparison.Ordinal) && !c.Text.Contains("ReloadServerData()", StringComparison.Ordinal))
            .Select(c => c.Name)
            .ToList();
        Assert.True(unguarded.Count == 0, $"A live component without NewestLoad (decision 0106): {string.Join(", ", unguarded)}");
    }

    /// <summary>The component's C# files: <c>Page.razor.cs</c> and partials beside it such as <c>Page.Campaigns.cs</c>.</summary>
    private static string CodeBehind(string razorFile)
    {
        var stem = Path.GetFileNameWithoutExtension(razorFile);
        return string.Concat(Directory.EnumerateFiles(Path.GetDirectoryName(razorFile)!, $"{stem}.*.cs").Order().Select(File.ReadAllText));
    }
}
