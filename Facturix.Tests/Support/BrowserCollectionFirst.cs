using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer(Facturix.Tests.Support.BrowserCollectionFirst.TypeName, "Facturix.Tests")]

namespace Facturix.Tests.Support;

/// <summary>
/// Starts the browser collection first. xUnit runs as many collections at once as there are cores (two here), each holding
/// its slot to the end, in an order its default orderer draws at random per run. The browser journeys are one serial
/// collection of about twelve minutes, the longest path of the run: drawn late, they started only after the rest had run
/// (four minutes lost on 2026-12-02), and the run took that much longer. The other collections keep xUnit's random order,
/// which still shakes out tests that depend on one another (ADR 0098).
/// </summary>
public sealed class BrowserCollectionFirst : ITestCollectionOrderer
{
    public const string TypeName = "Facturix.Tests.Support.BrowserCollectionFirst";

    private readonly DefaultTestCollectionOrderer _rest = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var all = testCollections.ToList();
        var browser = all.Where(IsBrowser).ToList();
        return [.. browser, .. _rest.OrderTestCollections(all.Where(c => !IsBrowser(c)))];
    }

    private static bool IsBrowser(ITestCollection collection) =>
        string.Equals(collection.DisplayName, BrowserCollection.Name, StringComparison.Ordinal);
}
