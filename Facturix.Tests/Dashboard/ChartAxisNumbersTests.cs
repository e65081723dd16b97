using Bunit;
using Facturix.App.Dashboard;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Tests.Campaigns;
using Facturix.Tests.Support;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The dashboard charts' axes write thousands as the tables under them do: MudChart alone formats them in the invariant
/// culture, so a French axis read "6400" above a table saying "6 400".
/// </summary>
public sealed class ChartAxisNumbersTests : ShellTestContext
{
    [Theory]
    [InlineData("fr", "6\u202F000")]
    [InlineData("en", "6,000")]
    public void The_funnel_axis_groups_thousands_in_the_readers_culture(string culture, string sixThousand)
    {
        UseCulture(culture);
        SignIn(Domain.Users.Roles.Manager);
        var funnel = new Funnel(null, [new FunnelStep(StatusCategory.New, 6_400), new FunnelStep(StatusCategory.InProgress, 1_200)], []);

        var card = Render<TabHost>(p => p.AddChildContent<FunnelCard>(c => c.Add(x => x.Funnel, funnel)));

        var axis = card.FindAll("[data-testid=funnel-chart] svg text").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains(sixThousand, axis);
        Assert.DoesNotContain("6000", axis);
        Assert.DoesNotContain(axis, t => t.Contains("280")); // MudChart's own doubling of 5 drew 1 280, 2 560, …
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(12, 5)] // 0, 5, 10, 15
    [InlineData(100, 20)] // percentages: 0, 20, …, 100
    [InlineData(6_400, 2_000)]
    [InlineData(10_000, 2_000)]
    [InlineData(10_001, 5_000)]
    [InlineData(3_200, 1_000)]
    public void Axis_steps_are_round_and_draw_at_most_six_lines(double max, int step)
    {
        Assert.Equal(step, DashboardCharts.RoundStep(max, lines: 6));
        Assert.True(Math.Ceiling(max / step) + 1 <= 6);
    }

    [Fact]
    public void Many_points_keep_at_most_eight_labels_the_newest_among_them()
    {
        var weeks = Enumerable.Range(1, 22).Select(w => $"w{w}").ToArray();

        var shown = DashboardCharts.Sparse(weeks);

        Assert.Equal(22, shown.Length); // one per bar, blank or not
        Assert.Equal(["w1", "w4", "w7", "w10", "w13", "w16", "w19", "w22"], shown.Where(l => l != ""));
        Assert.Equal(["a", "b", "c"], DashboardCharts.Sparse(["a", "b", "c"]));
    }
}
