using System.Reflection;
using Facturix.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Facturix.Tests.Common;

/// <summary>The browser journeys, the run's longest serial path, start first whatever order xUnit draws (ADR 0098).</summary>
public sealed class TestCollectionOrderTests
{
    [Fact]
    public void The_assembly_uses_the_orderer_that_starts_the_browser_collection_first()
    {
        var attribute = Assert.Single(typeof(BrowserCollectionFirst).Assembly.GetCustomAttributesData(),
            a => a.AttributeType == typeof(TestCollectionOrdererAttribute));
        // xUnit finds the orderer by these two names: a renamed class would silently bring back the random order.
        var (typeName, assemblyName) = ((string)attribute.ConstructorArguments[0].Value!, (string)attribute.ConstructorArguments[1].Value!);
        Assert.Equal(typeof(BrowserCollectionFirst), Type.GetType($"{typeName}, {assemblyName}"));
    }

    [Fact]
    public void The_browser_collection_comes_first_and_every_other_collection_still_runs_once()
    {
        var assembly = new TestAssembly(Reflector.Wrap(typeof(TestCollectionOrderTests).Assembly));
        var others = Enumerable.Range(0, 40).Select(i => new TestCollection(assembly, null, $"Test collection for Class{i}")).ToList();
        var browser = new TestCollection(assembly, null, BrowserCollection.Name);
        // Wherever it is handed in, last included.
        ITestCollection[] given = [.. others, browser];

        var ordered = new BrowserCollectionFirst().OrderTestCollections(given).ToList();

        Assert.Same(browser, ordered[0]);
        Assert.Equal(given.Length, ordered.Count);
        Assert.Equal(given.Select(c => c.DisplayName).Order(), ordered.Select(c => c.DisplayName).Order());
    }
}
