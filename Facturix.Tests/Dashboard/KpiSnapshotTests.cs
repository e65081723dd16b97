using Facturix.Domain.Dashboard;

namespace Facturix.Tests.Dashboard;

public sealed class KpiSnapshotTests
{
    [Fact]
    public void Conversion_is_converted_over_leads_and_zero_without_leads()
    {
        Assert.Equal(0.25, new KpiSnapshot(1, 1, 8, 2).Conversion);
        Assert.Equal(0, new KpiSnapshot(1, 1, 0, 0).Conversion);
    }
}
