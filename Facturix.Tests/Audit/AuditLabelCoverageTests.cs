using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Facturix.Tests.Audit;

/// <summary>
/// Every action and target type the services write into the audit log has a French label (and, by the resource tests,
/// an English one): the log and its action filter read "Connexion réussie", not "signin.succeeded". The codes are found
/// in Facturix.Infrastructure's source: the literals of each <c>Audit(…)</c> call, the action constants (every constant of an *Audit* file), the bulk
/// actions' names and the <c>EntityType = "…"</c> of events built by hand.
/// </summary>
public sealed partial class AuditLabelCoverageTests
{
    [Fact]
    public void Every_audit_action_and_target_type_written_has_a_label()
    {
        var root = FindRepository();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "Facturix.Infrastructure"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path: path, Text: File.ReadAllText(path))).ToList();
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        var entities = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, source) in sources)
        {
            foreach (Match call in AuditCall().Matches(source))
            {
                actions.UnionWith(ActionLiteral().Matches(call.Value).Select(m => m.Groups["code"].Value));
                entities.UnionWith(EntityAfterAction().Matches(call.Value).Select(m => m.Groups["entity"].Value));
            }
            actions.UnionWith(ActionConstant().Matches(source).Select(m => m.Groups["code"].Value));
            // A file of audit constants (SignInAudit) holds actions only, dotted or not ("signout").
            if (Path.GetFileName(path).Contains("Audit", StringComparison.Ordinal))
                actions.UnionWith(AnyConstant().Matches(source).Select(m => m.Groups["code"].Value));
            actions.UnionWith(BulkActionName().Matches(source).Select(m => m.Groups["code"].Value));
            entities.UnionWith(EntityAssignment().Matches(source).Select(m => m.Groups["entity"].Value));
        }
        // The scan finds what it should: sign-in constants, a bulk action, a ternary's second code, a hand-built event's type.
        Assert.Superset(new SortedSet<string> { "signin.succeeded", "signout", "leads.bulk-deleted", "permission.revoked", "session.revoked" }, actions);
        Assert.Contains("import", entities);

        var keys = XDocument.Load(Path.Combine(root, "Facturix.App", "Audit", "AuditStrings.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();
        var missing = actions.Select(a => $"Action.{a}").Concat(entities.Select(e => $"Entity.{e}")).Where(k => !keys.Contains(k));
        Assert.Empty(missing);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "Facturix.Infrastructure"))) return dir.FullName;
        throw new DirectoryNotFoundException("Facturix.Infrastructure not found above the test output.");
    }

    [GeneratedRegex(@"Audit\((?:[^;]|\n)*?\);")]
    private static partial Regex AuditCall();

    [GeneratedRegex(@"""(?<code>[a-z]+\.[a-z]+(?:-[a-z]+)*)""")]
    private static partial Regex ActionLiteral();

    [GeneratedRegex(@"""[a-z]+\.[a-z-]+""\s*,\s*""(?<entity>[a-z-]+)""")]
    private static partial Regex EntityAfterAction();

    // Every dotted constant but the query tags ("leads.list" names a SQL query, not an event).
    [GeneratedRegex(@"const string (?!\w*Tag\b)\w+ = ""(?<code>[a-z]+\.[a-z-]+)""")]
    private static partial Regex ActionConstant();

    [GeneratedRegex(@"const string \w+ = ""(?<code>[a-z][a-z.-]*)""")]
    private static partial Regex AnyConstant();

    [GeneratedRegex(@"=> ""(?<code>leads\.bulk-[a-z-]+)""")]
    private static partial Regex BulkActionName();

    [GeneratedRegex(@"EntityType = ""(?<entity>[a-z-]+)""")]
    private static partial Regex EntityAssignment();
}
