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
}
