using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The leads duplicates and merges services' rows of the matrix (issue 13).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> DuplicateOperations() => new()
    {
    };
}
