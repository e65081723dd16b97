using System.Globalization;
using System.Resources;
using Facturix.App.Leads.Detail;
using Facturix.App.Localization;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Facturix.Tests.Localization;

/// <summary>Every stored value a screen can show has a label in French and English, in the one resource for them.</summary>
public sealed class EnumTextTests : IDisposable
{
    private static readonly ResourceManager Strings = new(typeof(EnumStrings));
    private readonly CultureInfo _originalUiCulture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddFacturixLocalization().BuildServiceProvider();

    private IStringLocalizer<EnumStrings> E => _services.GetRequiredService<IStringLocalizer<EnumStrings>>();

    /// <summary>The enums people see; a new one shown on screen is added here.</summary>
    private static readonly Type[] ShownEnums =
    [
        typeof(LeadStatus), typeof(StatusCategory), typeof(CallOutcome), typeof(CallDirection), typeof(ActivityKind),
        typeof(CampaignState), typeof(AccountStatus), typeof(TaskPriority),
        typeof(Facturix.Domain.Import.ImportState), typeof(Facturix.Domain.Import.ImportField), typeof(Facturix.Domain.Import.DuplicatePolicy),
    ];

    public static TheoryData<string> Keys() => new(
        ShownEnums.SelectMany(type => Enum.GetNames(type).Select(member => $"{type.Name}.{member}"))
            .Concat(Roles.All.Select(EnumText.RoleKey))
            .Concat(Capabilities.All.Select(EnumText.CapabilityKey)));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_value_has_a_label_in_French_and_in_English(string key)
    {
        Assert.False(string.IsNullOrWhiteSpace(Text(key, CultureInfo.InvariantCulture)), $"{key}: no French label");
        Assert.False(string.IsNullOrWhiteSpace(Text(key, CultureInfo.GetCultureInfo("en"))), $"{key}: no English label");
    }

    [Theory]
    [InlineData("fr", "Nouveau → Converti", "Converti")]
    [InlineData("en", "New → Converted", "Converted")]
    public void A_status_change_reads_from_the_old_to_the_new_status(string culture, string change, string first)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        // A campaign without statuses of its own: the stages' names.
        Assert.Equal(change, StatusWording.Change(E, [], LeadStatus.New, LeadStatus.Converted, null));
        Assert.Equal(first, StatusWording.Change(E, [], null, LeadStatus.Converted, null));
        Assert.Equal("", StatusWording.Change(E, [], null, null, null));
    }

    [Theory]
    [InlineData("fr", "Rendez-vous pris", "Administrateur", "Exporter les leads")]
    [InlineData("en", "Meeting booked", "Administrator", "Export leads")]
    public void Labels_follow_the_current_language(string culture, string outcome, string role, string capability)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(outcome, E.Label(CallOutcome.MeetingBooked));
        Assert.Equal(role, E.Role(Roles.Admin));
        Assert.Equal(capability, E.Capability(Capability.LeadsExport));
    }

    [Fact]
    public void A_value_without_a_label_shows_its_name_rather_than_a_resource_key()
    {
        Assert.Equal("Owner", E.Role("Owner"));
        Assert.Equal("42", E.Label((LeadStatus)42));
    }

    [Fact]
    public void Role_labels_live_only_here()
    {
        // One home: the shell and admin resources no longer carry their own copies to drift apart.
        foreach (var other in new[] { typeof(SharedStrings), typeof(Facturix.App.Users.Admin.AdminStrings) })
        {
            var set = new ResourceManager(other).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
            Assert.DoesNotContain(set.Cast<System.Collections.DictionaryEntry>(), e => ((string)e.Key).StartsWith("Role.", StringComparison.Ordinal));
        }
    }

    private static string? Text(string key, CultureInfo culture) =>
        Strings.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _originalUiCulture;
        _services.Dispose();
    }
}
