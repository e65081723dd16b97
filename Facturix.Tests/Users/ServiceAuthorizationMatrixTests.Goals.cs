using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The goals and at-risk rows of the matrix (issue 16).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> GoalOperations() => new()
    {
    };
}
