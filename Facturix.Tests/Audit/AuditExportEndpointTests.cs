using System.Net;
using System.Text;
using Facturix.App.Audit;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Audit;

/// <summary><c>GET /admin/audit/export</c> on the running app, signed in over plain HTTP (no browser).</summary>
public sealed class AuditExportEndpointTests
{
    [Fact]
    public async Task The_export_words_each_action_and_target_type_in_the_readers_language_beside_its_code()
    {
        await using var app = await AppServer.StartOwnAsync();
        const string french = "audit-fr@test.local", english = "audit-en@test.local";
        await app.CreateUserAsync(french, Roles.Admin);
        await app.CreateUserAsync(english, Roles.Admin);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IUserPreferencesService>().SetCultureAsync(await app.ActorAsync(english), "en");

        var frenchRows = await ExportAsync(app, french);
        var englishRows = await ExportAsync(app, english);

        // Each reader's own sign-in (the other's may be there too: both are admins), its code kept in "action".
        Assert.EndsWith(",action_label,entity_type_label", frenchRows[0]);
        Assert.Contains(frenchRows, row => row.Contains($",{french},", StringComparison.Ordinal)
            && row.Contains(",signin.succeeded,", StringComparison.Ordinal) && row.EndsWith(",Connexion réussie,utilisateur", StringComparison.Ordinal));
        Assert.EndsWith(",action_label,entity_type_label", englishRows[0]);
        Assert.Contains(englishRows, row => row.Contains($",{english},", StringComparison.Ordinal)
            && row.Contains(",signin.succeeded,", StringComparison.Ordinal) && row.EndsWith(",Signed in,user", StringComparison.Ordinal));
        Assert.DoesNotContain(englishRows, row => row.Contains("Connexion réussie", StringComparison.Ordinal));
    }

    private static async Task<string[]> ExportAsync(AppServer app, string email)
    {
        using var client = new LoginClient(app);
        using var signedIn = await client.PostAsync(email, Facturix.Infrastructure.DemoData.DemoDataSeeder.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var response = await client.GetAsync(AuditExportEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
