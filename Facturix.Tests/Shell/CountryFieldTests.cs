using Bunit;
using Facturix.App.Shell;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Support;

namespace Facturix.Tests.Shell;

/// <summary>
/// The country field of the account form and the lead page: typed to, in the reader's language, it offers countries by
/// name and keeps the ISO code.
/// </summary>
public sealed class CountryFieldTests : ShellTestContext
{
    [Theory]
    [InlineData("fr", "alle", "Allemagne (DE)")]
    [InlineData("en", "germ", "Germany (DE)")]
    public void Typing_part_of_a_name_offers_the_country_and_choosing_it_keeps_its_code(string culture, string typed, string offered)
    {
        UseCulture(culture);
        string? chosen = null;
        var host = Render<TabHost>(p => p.AddChildContent<CountryField>(c => c
            .Add(x => x.Value, "FR").Add(x => x.ValueChanged, code => chosen = code).AddUnmatched("data-testid", "country")));

        host.Find("input[data-testid=country]").Input(typed);

        var option = host.WaitForElements(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == offered);
        option.Click();
        host.WaitForAssertion(() => Assert.Equal("DE", chosen));
    }


    [Fact]
    public void A_code_typed_whole_comes_first_and_names_read_in_the_readers_language()
    {
        UseCulture("fr");

        Assert.Equal("DE", CountryNames.Matching("de").First());
        Assert.Contains("FR", CountryNames.Matching("franc"));
        Assert.Contains("US", CountryNames.Matching("etats-unis")); // without its accents, as typed
        Assert.Equal("Allemagne (DE)", CountryNames.Display("DE"));
        Assert.Equal("Atlantide", CountryNames.Display("Atlantide"));
        Assert.True(CountryNames.All().Count() > 200);
    }
}
