using Facturix.Domain.Common;

namespace Facturix.Tests.Common;

public sealed class PagingTests
{
    [Theory]
    [InlineData(10_737_419, 200)] // 2,147,483,800: just past int.MaxValue, wrapped to a negative offset
    [InlineData(int.MaxValue, 200)]
    public void A_huge_page_number_skips_past_the_end_instead_of_wrapping_negative(int page, int size)
    {
        var request = new PageRequest(page, size);

        Assert.Equal(int.MaxValue, request.Skip);
    }

    [Theory]
    [InlineData(0, 25, 0)]
    [InlineData(1, 25, 0)]
    [InlineData(25, 25, 0)]
    [InlineData(26, 25, 1)]
    [InlineData(50, 25, 1)]
    [InlineData(51, 25, 2)]
    [InlineData(401, 1_000, 2)] // the size is clamped to MaxPageSize, as services clamp it
    public void The_last_page_with_rows_follows_the_total(int total, int size, int expected) =>
        Assert.Equal(expected, PageRequest.LastPageIndex(total, size));
}
