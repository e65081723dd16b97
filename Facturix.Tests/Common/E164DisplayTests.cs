using Facturix.Domain.Common;

namespace Facturix.Tests.Common;

/// <summary>Stored E.164 numbers shown for reading: grouped as their country writes them, never split over two lines.</summary>
public sealed class E164DisplayTests
{
    [Theory]
    [InlineData("+33612345678", "+33 6 12 34 56 78")]
    [InlineData("+33105471938", "+33 1 05 47 19 38")]
    [InlineData("+3225551234", "+32 2 555 12 34")]
    [InlineData("+41446681800", "+41 44 668 18 00")]
    public void A_stored_number_reads_grouped_with_no_break_spaces(string stored, string shown) =>
        Assert.Equal(shown.Replace(' ', '\u00A0'), E164.Display(stored));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a phone")]
    public void What_is_not_a_number_comes_back_as_it_is(string? stored) =>
        Assert.Equal(stored, E164.Display(stored));
}
