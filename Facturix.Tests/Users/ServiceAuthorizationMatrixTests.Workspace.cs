using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The Workspace services' rows of the matrix (issue 14).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> WorkspaceOperations() => new()
    {
    };
}
