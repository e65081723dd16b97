using System.Globalization;
using Facturix.App.Campaigns;
using Facturix.App.Leads;
using Facturix.App.Leads.Bulk;
using Facturix.App.Leads.Cleanup;
using Facturix.App.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Facturix.Tests.Localization;

/// <summary>
/// Counts that reach the thousands inside a sentence are grouped as everywhere else ("Leads (1 800)", "12 000 / 20 000
/// leads traités"): a bare "{0}" wrote "1800" under a list saying "1 800".
/// </summary>
public sealed class CountsInSentencesTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services;

    public CountsInSentencesTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFacturixLocalization();
        _services = services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("fr", "Leads (1\u202F800)", "12\u202F000 / 20\u202F000 leads traités", "Appliquer (1\u202F800)", "Voir 1\u202F800 de plus dans le tableau")]
    [InlineData("en", "Leads (1,800)", "12,000 / 20,000 leads processed", "Apply (1,800)", "See 1,800 more in the table")]
    public void Counts_in_sentences_are_grouped_by_thousands(string culture, string campaignLeads, string bulkProgress, string cleanupApply, string boardMore)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(campaignLeads, Text<CampaignsStrings>("Overview.Leads", 1_800));
        Assert.Equal(bulkProgress, Text<BulkStrings>("Progress", 12_000, 20_000));
        Assert.Equal(cleanupApply, Text<CleanupStrings>("Apply", 1_800));
        Assert.Equal(boardMore, Text<LeadsStrings>("Board.More", 1_800));
        Assert.Contains(culture == "fr" ? "1\u202F800" : "1,800", Text<CleanupStrings>("Open.Selection", 1_800));
        Assert.Contains(culture == "fr" ? "20\u202F000" : "20,000", Text<CleanupStrings>("Applying", 12_000, 20_000));
        Assert.Contains(culture == "fr" ? "20\u202F000" : "20,000", Text<CleanupStrings>("Truncated", 500, 20_000));
    }

    private string Text<T>(string key, params object[] arguments)
    {
        var text = _services.GetRequiredService<IStringLocalizer<T>>()[key, arguments];
        Assert.False(text.ResourceNotFound, key);
        return text.Value;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _services.Dispose();
    }
}
