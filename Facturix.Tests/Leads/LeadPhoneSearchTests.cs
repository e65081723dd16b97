using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Leads;
using Facturix.Tests.Support;

namespace Facturix.Tests.Leads;

/// <summary>
/// The quick search finds a phone typed the way people write one, although it is stored in E.164 (decision 0080): a BD
/// reads "06 12 34 56 78" off an e-mail signature, not "+33612345678".
/// </summary>
public sealed class LeadPhoneSearchTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Theory]
    [InlineData("06 12 34 56 78", "612345678")]
    [InlineData("06.12.34.56.78", "612345678")]
    [InlineData("06-12-34-56-78", "612345678")]
    [InlineData("0612345678", "612345678")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("+33 (0)6 12 34 56 78", "+33612345678")]
    [InlineData("0033 6 12 34 56 78", "33612345678")]
    [InlineData("(01) 45 67 89 01", "145678901")]
    public void A_phone_typed_in_groups_is_one_word_the_stored_number_holds(string typed, string word) =>
        Assert.Equal([word], LeadSearchTerms.WordsOf(typed));

    [Theory]
    [InlineData("dupond 12", new[] { "dupond", "12" })]
    [InlineData("lot 2-3", new[] { "lot", "2-3" })]
    [InlineData("agence 007", new[] { "agence", "007" })]
    [InlineData("martin 06 12 34 56 78", new[] { "martin", "612345678" })]
    [InlineData("06 12 34 56 78 +32 2 555 12 34", new[] { "612345678", "+3225551234" })]
    public void Few_digits_stay_words_as_typed_and_names_beside_a_phone_stay_words(string typed, string[] words) =>
        Assert.Equal(words, LeadSearchTerms.WordsOf(typed));

    [Fact]
    public async Task A_lead_is_found_by_its_phone_typed_nationally_internationally_or_with_separators()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var leads = await Given.LeadsAsync(campaign, 3);
        await using (var db = NewDb())
        {
            foreach (var (lead, phone) in leads.Zip(new[] { "+33612345678", "+33145678901", "+3225551234" }))
            {
                var tracked = await db.Leads.FindAsync(lead.Id);
                tracked!.Phone = phone;
            }
            await db.SaveChangesAsync();
        }
        var mobile = leads[0].Id;
        var paris = leads[1].Id;
        var brussels = leads[2].Id;

        async Task<IReadOnlyList<Guid>> Found(string search) =>
            (await Get<ILeadQueries>().ListAsync(admin, new LeadListQuery(Search: search), new PageRequest(PageSize: 50))).Items.Select(r => r.Id).ToList();

        Assert.Equal([mobile], await Found("06 12 34 56 78"));
        Assert.Equal([mobile], await Found("06.12.34.56.78"));
        Assert.Equal([mobile], await Found("+33 (0)6 12 34 56 78"));
        Assert.Equal([paris], await Found("01 45 67 89 01"));
        Assert.Equal([paris], await Found("0033 1 45 67 89 01"));
        Assert.Equal([brussels], await Found("02 555 12 34"));
        Assert.Equal([brussels], await Found("+32 2 555 12 34"));
        Assert.Empty(await Found("06 99 99 99 99"));
    }
}
