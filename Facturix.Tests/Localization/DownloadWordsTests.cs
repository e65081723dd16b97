using System.Globalization;
using Facturix.App.Audit;
using Facturix.App.Import;
using Facturix.App.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Facturix.Tests.Localization;

/// <summary>
/// The words the CSV downloads take from the App's resources (the services write the files, the App words them): in
/// the request's language, as the page the person downloaded from.
/// </summary>
public sealed class DownloadWordsTests : IDisposable
{
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddFacturixLocalization().BuildServiceProvider();

    [Theory]
    [InlineData("fr", "Ligne", "Motif", "Colonne 3")]
    [InlineData("en", "Line", "Reason", "Column 3")]
    public void The_rejects_file_names_its_own_columns_in_the_current_language(string culture, string line, string reason, string third)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var columns = ImportText.RejectsColumns(_services.GetRequiredService<IStringLocalizer<ImportStrings>>());

        Assert.Equal((line, reason, third), (columns.Line, columns.Reason, columns.Unnamed(3)));
    }

    [Theory]
    [InlineData("fr", "Connexion réussie", "utilisateur")]
    [InlineData("en", "Signed in", "user")]
    public void The_audit_export_words_actions_and_target_types_in_the_current_language(string culture, string action, string entity)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var labels = _services.GetRequiredService<IStringLocalizer<AuditStrings>>().ExportLabels();

        Assert.Equal((action, entity), (labels.Action("signin.succeeded"), labels.EntityType("user")));
        Assert.Equal("made.up", labels.Action("made.up")); // a code without a label yet reads as itself, as on the page
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _originalUiCulture;
        _services.Dispose();
    }
}
