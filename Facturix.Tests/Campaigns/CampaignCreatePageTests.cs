using Bunit;
using Facturix.App.Campaigns;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Campaigns;

/// <summary>The new-campaign form's client field: refused empty, it shows its error the way every other field does.</summary>
public sealed class CampaignCreatePageTests() : ShellTestContext(services => services.AddSingleton<ICampaignService>(new NoAccounts()))
{
    [Fact]
    public void Submitting_without_a_client_marks_the_client_field_and_says_why()
    {
        SignIn(Roles.Admin);
        var page = Render<CampaignCreatePage>();
        var client = page.WaitForElement("[data-testid=campaign-account-input]").Closest(".mud-input-control")!;
        Assert.DoesNotContain("mud-input-error", client.ClassName);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Choisissez le client de la campagne.",
            page.Find("[data-testid=field-error][data-field=AccountId]").TextContent.Trim()));
        client = page.Find("[data-testid=campaign-account-input]").Closest(".mud-input-control")!;
        Assert.Contains("mud-input-error", client.ClassName);
    }

    private sealed class NoAccounts : CampaignServiceDouble
    {
        public override Task<IReadOnlyList<AccountChoice>> ListAccountChoicesAsync(Actor actor, string? search, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<AccountChoice>>([]);
    }
}
