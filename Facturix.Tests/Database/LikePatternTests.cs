using Facturix.Domain.Accounts;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Tests.Support;

namespace Facturix.Tests.Database;

/// <summary>What a person types in a search box matches literally: "%" and "_" are characters, not wildcards.</summary>
public sealed class LikePatternTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Theory]
    [InlineData("  Remise ", "%Remise%")]
    [InlineData("50%", "%50\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("c:\\x", "%c:\\\\x%")]
    public void The_term_is_trimmed_and_its_wildcards_escaped(string term, string expected) =>
        Assert.Equal(expected, LikePattern.Containing(term));

    [Fact]
    public async Task A_search_for_a_percent_sign_finds_only_names_with_one()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var literal = await Given.AccountAsync("Remise 50% SARL");
        await Given.AccountAsync("Remise 500 SARL");

        var found = await Get<IAccountService>().ListAsync(admin, new AccountListQuery(Search: "50%"), new PageRequest());

        Assert.Equal([literal.Id], found.Items.Select(r => r.Id));
    }
}
