using System.Globalization;
using Facturix.App.Localization;

namespace Facturix.Tests.Localization;

/// <summary>The grammatical number of a count, by each UI language's rule: French puts 0 with 1, English with 2.</summary>
public sealed class PluralTextTests
{
    [Theory]
    [InlineData("fr-FR", 0, ".One")]
    [InlineData("fr-FR", 1, ".One")]
    [InlineData("fr-FR", 2, ".Other")]
    [InlineData("fr-FR", 1_000, ".Other")]
    [InlineData("fr", 1, ".One")]
    [InlineData("en-US", 0, ".Other")]
    [InlineData("en-US", 1, ".One")]
    [InlineData("en-US", 2, ".Other")]
    [InlineData("en", 1, ".One")]
    public void A_count_takes_its_language_form(string culture, long count, string form) =>
        Assert.Equal("Rows" + form, PluralText.FormKey("Rows", count, CultureInfo.GetCultureInfo(culture)));
}
