using Bunit;
using Facturix.App.Audit;
using Facturix.Domain.Audit;
using Facturix.Tests.Support;

namespace Facturix.Tests.Audit;

/// <summary>
/// A campaign's settings change in the audit log: calling hours read as the reader's short time, and an end of 00:00 as
/// midnight (decision 0077), where the stored "09:00:00" / "00:00:00" were shown as they are.
/// </summary>
public sealed class AuditCallingHoursDisplayTests : ShellTestContext
{
    private static AuditEntry SettingsChanged(string before, string after) =>
        new(1, new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), "boss@facturix.local", "Camille Martin",
            "campaign.settings-changed", "campaign", Guid.NewGuid(), "Relance PME", before, after, null, null);

    // What CampaignService.UpdateSettingsAsync stores: TimeOnly values, camelCase.
    private const string Before = """{"callingHoursStart":"09:00:00","callingHoursEnd":"18:30:00","timeZone":"Europe/Paris","lockLeaseMinutes":15}""";
    private const string After = """{"callingHoursStart":"00:00:00","callingHoursEnd":"00:00:00","timeZone":"Europe/Paris","lockLeaseMinutes":15}""";

    [Fact]
    public void In_French_hours_read_HH_mm_and_an_end_of_00_00_reads_24_00()
    {
        UseCulture("fr");

        var details = Render<AuditEntryDetails>(p => p.Add(d => d.Entry, SettingsChanged(Before, After)));

        var before = details.Find("[data-testid=audit-before]").TextContent;
        var after = details.Find("[data-testid=audit-after]").TextContent;
        Assert.Contains("\"callingHoursStart\": \"09:00\"", before);
        Assert.Contains("\"callingHoursEnd\": \"18:30\"", before);
        // A start of 00:00 is the start of the day; only the end reads as midnight.
        Assert.Contains("\"callingHoursStart\": \"00:00\"", after);
        Assert.Contains("\"callingHoursEnd\": \"24:00\"", after);
        Assert.DoesNotContain(":00:00", before + after);
        Assert.Contains("\"lockLeaseMinutes\": 15", after); // other values untouched
    }

    [Fact]
    public void In_English_hours_read_h_mm_am_pm_and_an_end_of_00_00_reads_midnight()
    {
        UseCulture("en");

        var details = Render<AuditEntryDetails>(p => p.Add(d => d.Entry, SettingsChanged(Before, After)));

        var before = details.Find("[data-testid=audit-before]").TextContent;
        var after = details.Find("[data-testid=audit-after]").TextContent;
        // A plain space before AM/PM: ICU's narrow no-break space came out escaped by the JSON writer ("9:00\u202FAM").
        Assert.Contains("\"callingHoursStart\": \"9:00 AM\"", before);
        Assert.Contains("\"callingHoursEnd\": \"6:30 PM\"", before);
        Assert.Contains("\"callingHoursStart\": \"12:00 AM\"", after);
        Assert.DoesNotContain("\\u", before + after);
        Assert.Contains("\"callingHoursEnd\": \"midnight\"", after);
    }

    [Fact]
    public void Values_that_are_not_JSON_or_not_hours_are_shown_as_they_are()
    {
        UseCulture("fr");

        Assert.Equal("pas du JSON", AuditValueText.Readable("pas du JSON", "24:00"));
        // Hours under another key (a note, say) are not calling hours.
        Assert.Contains("\"opensAt\": \"00:00:00\"", AuditValueText.Readable("""{"opensAt":"00:00:00"}""", "24:00"));
        // Older rows written with PascalCase keys read the same.
        Assert.Contains("\"CallingHoursEnd\": \"24:00\"", AuditValueText.Readable("""{"CallingHoursEnd":"00:00:00"}""", "24:00"));
    }
}
