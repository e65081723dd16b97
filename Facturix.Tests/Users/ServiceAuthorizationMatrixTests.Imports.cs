using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The Imports rows of the matrix (issue 15).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> ImportOperations() => new()
    {
    };
}
