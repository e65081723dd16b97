using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Leads;

/// <summary>
/// The typo dictionary's words (decision 0054) as a set-wise INSERT writes them, the way an import batch inserts its leads
/// (migration LeadSearchWordsSetWise): whole words of letters and hyphens, folded, three letters or more; never an email,
/// a phone or a word glued to punctuation.
/// </summary>
public sealed class LeadSearchWordsTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task One_insert_of_many_leads_records_each_distinct_word_once_and_only_words()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var model = (await Given.LeadsAsync(campaign, 1))[0];

        await using var db = NewDb();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO leads (id, campaign_id, account_id, status, score, first_name, last_name, company, email, phone, country,
                priority, call_attempts, created_at, updated_at)
            SELECT gen_random_uuid(), l.campaign_id, l.account_id, l.status, l.score, v.first, v.last, v.company, v.email, '+33298123456',
                l.country, l.priority, l.call_attempts, l.created_at, l.updated_at
            FROM leads l, (VALUES ('Anne-Marie', 'O''Neil', E'Boulangerie\u00a0Quimpéroise', 'am.oneil@bq-zx.fr'),
                                  ('Anne-Marie', E'Kérouac\tLe', 'Boulangerie Brestoise', NULL)) v(first, last, company, email)
            WHERE l.id = {0}
            """, model.Id);

        var words = await db.Database.SqlQueryRaw<string>("SELECT word AS \"Value\" FROM lead_search_words").ToListAsync();
        // Folded, split on any white space (a no-break space and a tab included), recorded once however many leads hold them.
        Assert.Subset(words.ToHashSet(), new HashSet<string> { "anne-marie", "boulangerie", "quimperoise", "brestoise", "kerouac" });
        Assert.Single(words, w => w == "anne-marie");
        // Not words: under three letters, glued to an apostrophe or an at sign, digits.
        Assert.DoesNotContain("le", words);
        Assert.DoesNotContain(words, w => w.Contains('\'') || w.Contains('@') || w.Contains("bq-zx") || w.Any(char.IsDigit));
    }
}
