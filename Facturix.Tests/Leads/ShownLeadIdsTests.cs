using Facturix.App.Leads;

namespace Facturix.Tests.Leads;

/// <summary>The leads list's live lock filter: which lead ids may be on screen (decision 0067's replay at subscription).</summary>
public sealed class ShownLeadIdsTests
{
    [Fact]
    public void Before_the_first_page_has_loaded_any_lead_may_be_on_screen()
    {
        var shown = new ShownLeadIds();

        Assert.True(shown.MayShow(Guid.NewGuid()));
    }

    [Fact]
    public void Once_a_page_has_loaded_only_its_rows_are_on_screen_and_a_later_page_replaces_them()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var shown = new ShownLeadIds();

        shown.Show([first]);
        Assert.Equal((true, false), (shown.MayShow(first), shown.MayShow(second)));

        shown.Show([second]);
        Assert.Equal((false, true), (shown.MayShow(first), shown.MayShow(second)));
    }

    [Fact]
    public void An_empty_page_shows_no_lead()
    {
        var shown = new ShownLeadIds();

        shown.Show([]);

        Assert.False(shown.MayShow(Guid.NewGuid()));
    }
}
