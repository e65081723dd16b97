using Facturix.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Support;

/// <summary>
/// Base class for integration tests against the real PostgreSQL. Each test starts from empty tables.
/// <code>
/// public sealed class MyServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
/// {
///     [Fact] public async Task Works() { var bd = await Given.UserAsync(Roles.BusinessDeveloper); ... Get&lt;IMyService&gt;() ... }
/// }
/// </code>
/// </summary>
public abstract class DatabaseTest(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    protected DatabaseFixture Fixture { get; } = fixture;
    protected TestData Given { get; } = new(fixture);

    protected T Get<T>() where T : notnull => Fixture.Services.GetRequiredService<T>();
    protected FacturixDb NewDb() => Fixture.NewDb();

    public virtual Task InitializeAsync() => Fixture.ResetAsync();
    public virtual Task DisposeAsync() => Task.CompletedTask;
}
