namespace Facturix.Tests.Support;

/// <summary>
/// The app's source folder, for the tests that read the source itself: resources complete in both languages, keys used
/// in markup, conventions every component must follow.
/// </summary>
public static class SourceTree
{
    public static string AppDirectory { get; } = FindAppDirectory();

    /// <summary>Every .razor file of the app, outside its build output.</summary>
    public static IEnumerable<string> RazorFiles() =>
        Directory.EnumerateFiles(AppDirectory, "*.razor", SearchOption.AllDirectories).Where(path => !IsBuildOutput(path));

    public static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string FindAppDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Facturix.App");
            if (File.Exists(Path.Combine(candidate, "Facturix.App.csproj")))
                return candidate;
        }
        throw new DirectoryNotFoundException("Facturix.App not found above the test output.");
    }
}
