using Facturix.App.Shell;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Database;

/// <summary>
/// U+0000 pasted into a field: PostgreSQL's text cannot hold it and used to refuse the whole save, shown as "unexpected".
/// Saves now drop it (the context and the audit's JSON); paths that send it as it was typed get words that say so.
/// </summary>
public sealed class NulCharactersTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ILeadService Leads => Get<ILeadService>();

    [Fact]
    public async Task An_edit_with_a_NUL_is_saved_without_it_and_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single();
        uint version;
        await using (var db = NewDb())
            version = await db.Leads.Where(l => l.Id == lead.Id).Select(l => l.Version).SingleAsync();

        await Leads.UpdateAsync(admin, lead.Id, new LeadEditInput { Company = "Acme\0 SAS", FirstName = "Zo\0é", Country = "FR" }, version);

        await using var check = NewDb();
        var stored = await check.Leads.SingleAsync(l => l.Id == lead.Id);
        Assert.Equal(("Acme SAS", "Zoé"), (stored.Company, stored.FirstName));
        var audit = await check.AuditEvents.SingleAsync(e => e.EntityId == lead.Id && e.Action == "lead.updated");
        Assert.Contains("Acme SAS", audit.Details);
        Assert.Equal("Zoé (Acme SAS)", audit.TargetLabel);
    }

    [Fact]
    public async Task A_note_with_a_NUL_is_added_without_it()
    {
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var lead = (await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync(), assignees: bd), 1)).Single();

        var id = await Leads.AddNoteAsync(bd, lead.Id, "Rappeler\0 lundi");

        await using var db = NewDb();
        Assert.Equal("Rappeler lundi", (await db.Activities.SingleAsync(a => a.Id == id)).Body);
    }

    [Fact]
    public async Task A_search_with_a_NUL_is_refused_in_words_that_say_why_not_as_unexpected()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            Get<ILeadQueries>().ListAsync(admin, new LeadListQuery(Search: "Acme\0"), new PageRequest()));

        Assert.True(ErrorText.IsUnstorableText(refused), refused.ToString());
        Assert.False(ErrorText.IsUnstorableText(new InvalidOperationException("other")));
    }
}
