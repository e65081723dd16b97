using System.Text.RegularExpressions;
using System.Xml.Linq;
using Facturix.Domain.Users;

namespace Facturix.Tests.Localization;

/// <summary>
/// Every feature's strings exist in French and English, and every key a component asks its localizer for exists.
/// Covers every .resx of Facturix.App, so a new feature's resources are checked without touching this test.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private static readonly string AppDirectory = FindAppDirectory();

    public static TheoryData<string> FrenchResources() =>
        new(Directory.EnumerateFiles(AppDirectory, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal) && !IsBuildOutput(f))
            .Select(f => Path.GetRelativePath(AppDirectory, f)));

    [Theory]
    [MemberData(nameof(FrenchResources))]
    public void French_and_English_resources_have_the_same_keys_and_no_empty_text(string frenchFile)
    {
        var french = Read(Path.Combine(AppDirectory, frenchFile));
        var english = Read(Path.Combine(AppDirectory, frenchFile.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

        Assert.Equal(french.Keys.Order(), english.Keys.Order());
        Assert.All(french.Concat(english), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), entry.Key));
    }

    [Fact]
    public void Every_literal_key_a_component_asks_for_exists_in_its_resources()
    {
        var missing = new List<string>();
        foreach (var razor in Directory.EnumerateFiles(AppDirectory, "*.razor", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)))
        {
            var text = File.ReadAllText(razor);
            var injected = InjectedLocalizer().Match(text);
            if (!injected.Success) continue;
            var keys = ResourceKeys(injected.Groups["type"].Value);
            foreach (Match use in LiteralKey().Matches(text))
            {
                if (!keys.Contains(use.Groups["key"].Value))
                    missing.Add($"{Path.GetRelativePath(AppDirectory, razor)}: {use.Groups["key"].Value}");
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_role_has_a_display_name_on_the_admin_page() =>
        Assert.All(Roles.All, role => Assert.Contains($"Role.{role}", ResourceKeys("AdminStrings")));

    private static HashSet<string> ResourceKeys(string markerType)
    {
        var file = Directory.EnumerateFiles(AppDirectory, markerType + ".resx", SearchOption.AllDirectories)
            .Single(f => !IsBuildOutput(f));
        return Read(file).Keys.ToHashSet();
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string FindAppDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Facturix.App");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("Facturix.App not found above the test output.");
    }

    [GeneratedRegex(@"@inject\s+IStringLocalizer<(?<type>\w+)>\s+L\b")]
    private static partial Regex InjectedLocalizer();

    [GeneratedRegex(@"\bL\[""(?<key>[^""]+)""[\],]")]
    private static partial Regex LiteralKey();
}
