using Facturix.Domain.Users;

namespace Facturix.Tests.Support;

/// <summary>Component-test double of <see cref="IActorResolver"/>: hands out the actors a test signs in, by user id.</summary>
public sealed class FakeActorResolver : IActorResolver
{
    private readonly Dictionary<Guid, Actor> _actors = [];

    public int Resolutions { get; private set; }

    public void Set(Actor actor)
    {
        lock (_actors) _actors[actor.UserId] = actor;
    }

    public Task<Actor?> ResolveAsync(Guid userId, CancellationToken ct = default)
    {
        lock (_actors)
        {
            Resolutions++;
            return Task.FromResult(_actors.GetValueOrDefault(userId));
        }
    }
}
