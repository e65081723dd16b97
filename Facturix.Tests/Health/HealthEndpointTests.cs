using System.Net;
using Facturix.Tests.Support;

namespace Facturix.Tests.Health;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly AppServer _app = new(seedDemo: false);

    public Task InitializeAsync() => _app.StartAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Health_is_200_while_the_database_answers_and_503_once_it_does_not()
    {
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };

        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        await TestCluster.DropDatabaseAsync(_app.DatabaseName);

        var unhealthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
    }
}
