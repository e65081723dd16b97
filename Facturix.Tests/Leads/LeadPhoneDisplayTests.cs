using Bunit;
using Facturix.App.Leads.Detail;
using Facturix.App.Shell;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads;

/// <summary>
/// Phones on the lead page and wherever <see cref="PhoneLink"/> shows one (decision 0079): the number as people read it,
/// a tel: link that dials the stored E.164, and the stored value in data-e164.
/// </summary>
public sealed class LeadPhoneDisplayTests : ShellTestContext
{
    public LeadPhoneDisplayTests() : base(services => services.AddSingleton<ILeadBoard>(new LeadBoardMoves())) =>
        SignIn(Roles.BusinessDeveloper);

    private static LeadDetails Lead(string? phone) => new(
        Guid.NewGuid(), "Camille", "Martin", null, "Acme", null, phone, "FR", null,
        LeadStatus.New, null, StatusCategory.New, null, null, null, Guid.NewGuid(), "Printemps", Guid.NewGuid(), "Client",
        null, 7, [], new LeadScore(0, 0, []));

    private static string Nbsp(string text) => text.Replace(' ', '\u00A0');

    [Theory]
    [InlineData("+33612345678", "06 12 34 56 78")]
    [InlineData("+442079460958", "+44 20 7946 0958")]
    public void The_lead_page_shows_the_phone_as_people_read_it_and_dials_the_stored_number(string stored, string shown)
    {
        var header = Render<LeadHeader>(p => p.Add(c => c.Lead, Lead(stored)));

        var phone = header.Find("[data-testid=lead-details] [data-testid=lead-phone]");
        Assert.Equal(Nbsp(shown), phone.TextContent.Trim());
        Assert.Equal("tel:" + stored, phone.GetAttribute("href"));
        Assert.Equal(stored, phone.GetAttribute("data-e164"));
    }

    [Fact]
    public void A_lead_without_a_phone_has_no_phone_in_its_header()
    {
        var header = Render<LeadHeader>(p => p.Add(c => c.Lead, Lead(null)));

        Assert.Empty(header.FindAll("[data-testid=lead-phone]"));
    }

    [Fact]
    public void A_stored_value_that_is_no_number_shows_as_stored_with_nothing_to_dial()
    {
        var phone = Render<PhoneLink>(p => p.Add(c => c.Phone, "0612345678").AddUnmatched("data-testid", "lead-phone"));

        var shown = phone.Find("[data-testid=lead-phone]");
        Assert.Equal("0612345678", shown.TextContent.Trim());
        Assert.Equal("SPAN", shown.TagName);
        Assert.Null(shown.GetAttribute("href"));
    }

    [Fact]
    public void No_phone_shows_the_dash_and_no_stored_value()
    {
        var phone = Render<PhoneLink>(p => p.Add(c => c.Phone, null).AddUnmatched("data-testid", "lead-phone"));

        var shown = phone.Find("[data-testid=lead-phone]");
        Assert.Equal("—", shown.TextContent.Trim());
        Assert.Null(shown.GetAttribute("data-e164"));
    }
}
