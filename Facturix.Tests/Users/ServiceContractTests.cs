using System.Reflection;
using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>Every domain service entry point takes the acting <see cref="Actor"/> first: authorization cannot be forgotten in a signature.</summary>
public sealed class ServiceContractTests
{
    /// <summary>Interfaces whose methods legitimately act for nobody: the event bus, and resolving who the actor is.</summary>
    private static readonly HashSet<string> AllowList =
    [
        "ILiveEvents.Subscribe",
        "IActorResolver.ResolveAsync",
    ];

    public static IEnumerable<MethodInfo> ServiceMethods() =>
        typeof(Actor).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance));

    [Fact]
    public void Every_public_domain_service_method_takes_an_actor_first()
    {
        var offenders = ServiceMethods()
            .Where(m => !AllowList.Contains($"{m.DeclaringType!.Name}.{m.Name}"))
            .Where(m => m.GetParameters() is not [{ ParameterType: var first }, ..] || first != typeof(Actor))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_allow_list_names_only_methods_that_exist()
    {
        var existing = ServiceMethods().Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToHashSet();
        Assert.All(AllowList, entry => Assert.Contains(entry, existing));
    }

    [Fact]
    public void Every_service_method_is_covered_by_the_authorization_matrix()
    {
        var covered = ServiceAuthorizationMatrixTests.Operations.Keys.Select(k => k.Split(' ')[0]).ToHashSet();
        var missing = ServiceMethods()
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Where(name => !AllowList.Contains(name) && !covered.Contains(name))
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }
}
