using Facturix.Domain.Common;

namespace Facturix.Tests.Common;

/// <summary>
/// Stored E.164 numbers shown for reading (decision 0079): national when the number is the viewer's country's, international
/// otherwise, grouped as their country writes them and never split over two lines; what is not a number stays as stored.
/// </summary>
public sealed class E164DisplayTests
{
    [Theory]
    [InlineData("+33612345678", "06 12 34 56 78")] // French mobile
    [InlineData("+33142685300", "01 42 68 53 00")] // Paris landline
    [InlineData("+442079460958", "+44 20 7946 0958")] // London
    [InlineData("+3225551234", "+32 2 555 12 34")] // Brussels
    [InlineData("+41446681800", "+41 44 668 18 00")] // Zurich
    public void A_stored_number_reads_national_at_home_and_international_from_abroad(string stored, string shown) =>
        Assert.Equal(shown.Replace(' ', '\u00A0'), E164.Display(stored));

    [Fact]
    public void Home_is_the_region_asked_for_so_a_uk_viewer_reads_london_nationally_and_paris_internationally()
    {
        Assert.Equal("020 7946 0958".Replace(' ', '\u00A0'), E164.Display("+442079460958", "GB"));
        Assert.Equal("+33 6 12 34 56 78".Replace(' ', '\u00A0'), E164.Display("+33612345678", "GB"));
    }

    [Theory]
    [InlineData("+33612345678", "+33 6 12 34 56 78", "FR")]
    [InlineData("+33612345678", "+33 6 12 34 56 78", "BE")] // a French number on a Belgian lead still saves as itself
    [InlineData("+442079460958", "+44 20 7946 0958", "FR")]
    public void A_stored_number_is_edited_international_and_grouped_and_saves_back_unchanged(string stored, string edited, string leadCountry)
    {
        Assert.Equal(edited, E164.Editable(stored));
        Assert.Equal(stored, E164.Read(E164.Editable(stored), leadCountry).E164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a phone")]
    [InlineData("+33012345678")]
    public void An_invalid_stored_number_is_edited_as_it_is(string? stored) => Assert.Equal(stored, E164.Editable(stored));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a phone")]
    [InlineData("0612345678")] // an old row stored as typed, without its country: nothing to say which plan it follows
    [InlineData("+33012345678")] // parses, but no French number starts 0 after the country code
    [InlineData("+999123456")] // no country uses +999
    public void What_is_not_a_valid_number_comes_back_as_it_is(string? stored) =>
        Assert.Equal(stored, E164.Display(stored));

    [Theory]
    [InlineData("+33612345678", "+33612345678", "06 12 34 56 78")]
    [InlineData("+442079460958", "+442079460958", "+44 20 7946 0958")]
    [InlineData("+33 6 12 34 56 78", "+33612345678", "06 12 34 56 78")] // stored with spaces: dialled as E.164
    public void A_stored_number_read_once_gives_what_to_dial_and_what_to_show(string stored, string dial, string shown)
    {
        var phone = E164.ReadStored(stored);

        Assert.Equal(new StoredPhone(dial, shown.Replace(' ', '\u00A0')), phone);
        Assert.Equal(E164.Display(stored), phone!.Display);
        Assert.Equal(E164.Read(stored, null).E164, phone.Dial);
    }

    [Fact]
    public void Read_once_the_home_region_still_decides_national_or_international() =>
        Assert.Equal("020 7946 0958".Replace(' ', '\u00A0'), E164.ReadStored("+442079460958", "GB")?.Display);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a phone")]
    [InlineData("0612345678")]
    [InlineData("+33012345678")]
    [InlineData("+999123456")]
    public void What_is_not_a_valid_number_has_nothing_to_dial(string? stored) => Assert.Null(E164.ReadStored(stored));
}
