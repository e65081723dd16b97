using Microsoft.AspNetCore.Http;
using Facturix.App.Shell;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Users;

/// <summary>The circuit's actor comes from the resolver, is cached, and follows access changes live.</summary>
public sealed class ActorAccessorTests : IDisposable
{
    private static readonly Guid UserId = Guid.CreateVersion7();
    private readonly FakeActorResolver _resolver = new();
    private readonly InMemoryLiveEvents _events = new();
    private readonly CircuitAuthentication _authentication = new(UserId);
    private readonly ActorAccessor _accessor;

    public ActorAccessorTests()
    {
        _resolver.Set(Actor.WithDefaultCapabilities(UserId, "bd@test.local", Roles.BusinessDeveloper));
        _accessor = new ActorAccessor(_authentication, _resolver, _events, new HttpContextAccessor(), NullLogger<ActorAccessor>.Instance);
    }

    [Fact]
    public async Task The_actor_is_resolved_once_per_circuit_not_on_every_call()
    {
        Assert.False((await _accessor.GetActorAsync()).Can(Capability.UsersManage));
        await _accessor.GetActorAsync();

        Assert.Equal(1, _resolver.Resolutions);
    }

    [Fact]
    public async Task A_change_to_this_users_access_re_resolves_and_re_announces_the_authentication_state()
    {
        await _accessor.GetActorAsync();
        _resolver.Set(Actor.WithDefaultCapabilities(UserId, "bd@test.local", Roles.Admin));

        await _events.RaiseAsync(new AccessChanged(UserId));

        Assert.True((await _accessor.GetActorAsync()).Can(Capability.UsersManage));
        Assert.Equal(1, _authentication.Announcements);
    }

    [Fact]
    public async Task Matrix_changes_and_resyncs_concern_everyone_but_other_users_changes_do_not()
    {
        await _accessor.GetActorAsync();

        await _events.RaiseAsync(new AccessChanged(Guid.CreateVersion7()));
        Assert.Equal(1, _resolver.Resolutions);

        await _events.RaiseAsync(new AccessChanged(null));
        await _events.RaiseAsync(new LiveEventsResynced());
        Assert.Equal(3, _resolver.Resolutions);
    }

    [Fact]
    public async Task An_anonymous_visitor_has_no_actor_and_no_subscription()
    {
        var anonymous = new ActorAccessor(new CircuitAuthentication(null), _resolver, _events, new HttpContextAccessor(), NullLogger<ActorAccessor>.Instance);

        Assert.Null(await anonymous.TryGetActorAsync());
        Assert.Equal(0, _events.SubscriberCount);
    }

    [Fact]
    public async Task Disposing_the_circuit_unsubscribes()
    {
        await _accessor.GetActorAsync();
        Assert.Equal(1, _events.SubscriberCount);

        _accessor.Dispose();

        Assert.Equal(0, _events.SubscriberCount);
    }

    public void Dispose() => _accessor.Dispose();
}
