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
    public void Every_class_that_drives_the_browser_is_in_the_browser_collection()
    {
        // The orderer knows the browser collection by name: a journey class put in a collection of its own would start
        // whenever xUnit draws it, its journeys competing with the browser collection's for the same cores.
        var drivers = typeof(BrowserTest).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(BrowserTest))
                || t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(BrowserFixture)))))
            .ToList();
        Assert.NotEmpty(drivers);
        var elsewhere = drivers.Where(t => CollectionOf(t) != BrowserCollection.Name).Select(t => t.Name).ToList();
        Assert.True(elsewhere.Count == 0, $"Outside the browser collection: {string.Join(", ", elsewhere)}");
    }

    /// <summary>The collection xUnit puts a class in: the nearest [Collection] up its hierarchy (xUnit's own attribute has no name property).</summary>
    private static string? CollectionOf(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(CollectionAttribute)) is { } attribute)
                return (string?)attribute.ConstructorArguments[0].Value;
        return null;
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
