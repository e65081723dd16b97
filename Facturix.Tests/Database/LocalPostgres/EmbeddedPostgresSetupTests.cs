using System.Runtime.Versioning;
using Facturix.Infrastructure.Database.LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;


namespace Facturix.Tests.Database.LocalPostgres;

[SupportedOSPlatform("linux")]
public sealed class EmbeddedPostgresSetupTests
{
    [Fact]
    public async Task With_a_connection_string_nothing_is_started()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["ConnectionStrings:Facturix"] = "Host=elsewhere;Database=facturix";

        Assert.Null(await builder.StartEmbeddedPostgresIfNeededAsync());
        Assert.Equal("Host=elsewhere;Database=facturix", builder.Configuration.GetConnectionString("Facturix"));
        Assert.Null(builder.Configuration["Facturix:EmbeddedDatabase"]);
        Assert.DoesNotContain(builder.Services, service => service.ServiceType == typeof(LocalPostgresCluster));
    }

    [Fact]
    public async Task Without_a_connection_string_the_cluster_is_started_configured_and_stopped_with_the_app()
    {
        using var temp = new TempFolder("embedded");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["ConnectionStrings:Facturix"] = "";
        builder.Configuration["Facturix:DataDir"] = temp.Sub("cluster");
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        var cluster = await builder.StartEmbeddedPostgresIfNeededAsync();

        Assert.NotNull(cluster);
        await using (cluster)
        {
            Assert.Equal(temp.Sub("cluster"), cluster.DataDirectory);
            Assert.Equal(cluster.ConnectionString, builder.Configuration.GetConnectionString("Facturix"));
            Assert.Equal("true", builder.Configuration["Facturix:EmbeddedDatabase"]);

            await using var app = builder.Build();
            Assert.Same(cluster, app.Services.GetRequiredService<LocalPostgresCluster>());
            Assert.Single(app.Services.GetServices<IHostedService>().OfType<EmbeddedPostgresHostedService>());

            await app.StartAsync();
            var connectionString = app.Configuration.GetConnectionString("Facturix")!;
            Assert.Equal("facturix", await Sql.ScalarAsync<string>(connectionString, "SELECT current_database()"));
            // Least privilege: the app's role owns its database but is no superuser.
            Assert.Equal(LocalPostgresCluster.AppRole, await Sql.ScalarAsync<string>(connectionString, "SELECT current_user"));
            Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
            Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user"));
            Assert.Equal(LocalPostgresCluster.AppRole, await Sql.ScalarAsync<string>(connectionString,
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));

            await app.StopAsync();
            Assert.False(File.Exists(Path.Combine(temp.Sub("cluster"), "pgdata", "postmaster.pid")), "stopped with the app");
        }
    }
}
