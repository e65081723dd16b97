using Bunit;
using Facturix.App.Accounts;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Tests.Support;

namespace Facturix.Tests.Accounts;

/// <summary>The account page's recent activity: each lead opens its page, and a skip's note reads in the reader's words.</summary>
public sealed class AccountActivityCardTests : ShellTestContext
{
    [Theory]
    [InlineData("fr", "Note · Lead passé")]
    [InlineData("en", "Note · Lead skipped")]
    public void A_skip_reads_in_the_readers_words_and_the_lead_opens_its_page(string culture, string expected)
    {
        UseCulture(culture);
        var leadId = Guid.NewGuid();
        var card = Render<AccountActivityCard>(p => p.Add(c => c.Activity,
        [
            new AccountActivity(Guid.NewGuid(), ActivityKind.Note, "Camille Durand", DateTimeOffset.UtcNow, leadId, "Jeanne Martin", Activity.SkipSubject),
            new AccountActivity(Guid.NewGuid(), ActivityKind.Note, "Camille Durand", DateTimeOffset.UtcNow, leadId, "Jeanne Martin", "Compte rendu"),
        ]));

        var rows = card.FindAll("[data-testid=account-activity-item]");
        Assert.Equal(expected, rows[0].Children[1].TextContent.Trim());
        Assert.EndsWith("· Compte rendu", rows[1].Children[1].TextContent.Trim());
        var lead = rows[0].QuerySelector("[data-testid=account-activity-lead]")!;
        Assert.Equal($"/leads/{leadId}", lead.GetAttribute("href"));
        Assert.Equal("Jeanne Martin", lead.TextContent.Trim());
    }
}
