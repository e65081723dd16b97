using System.Text.Json;
using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;

namespace Facturix.Tests.Domain;

public sealed class DomainRulesTests
{
    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Manager, false)]
    [InlineData(Roles.BusinessDeveloper, false)]
    public void By_default_only_admins_see_the_whole_agency(string role, bool expected) =>
        Assert.Equal(expected, Actor.WithDefaultCapabilities(Guid.NewGuid(), "x@y.fr", role).HasAgencyScope);

    [Fact]
    public void Conversion_is_converted_over_leads_and_zero_without_leads()
    {
        Assert.Equal(0.25, new KpiSnapshot(1, 1, 8, 2).Conversion);
        Assert.Equal(0, new KpiSnapshot(1, 1, 0, 0).Conversion);
    }

    [Theory]
    [InlineData(LeadStatus.Converted, true)]
    [InlineData(LeadStatus.NotAFit, true)]
    [InlineData(LeadStatus.DoNotContact, true)]
    [InlineData(LeadStatus.New, false)]
    [InlineData(LeadStatus.MeetingBooked, false)]
    public void Closed_stages_leave_the_queue(LeadStatus status, bool closed) => Assert.Equal(closed, status.IsClosed());

    [Fact]
    public void Every_lead_status_falls_in_exactly_one_category()
    {
        Assert.All(Enum.GetValues<LeadStatus>(), status => Assert.True(Enum.IsDefined(status.Category())));
        Assert.Equal(StatusCategory.Won, LeadStatus.Converted.Category());
        Assert.Equal(StatusCategory.InProgress, LeadStatus.MeetingBooked.Category());
        Assert.Equal(StatusCategory.DoNotCall, LeadStatus.DoNotContact.Category());
    }

    [Fact]
    public void A_lead_is_locked_only_while_its_lease_runs()
    {
        var now = DateTimeOffset.UtcNow;
        var lead = new Lead { Company = "Acme", LockedById = Guid.NewGuid(), LockExpiresAt = now.AddMinutes(1) };
        Assert.True(lead.IsLockedAt(now));
        Assert.False(lead.IsLockedAt(now.AddMinutes(2)));
        Assert.False(new Lead { Company = "Acme" }.IsLockedAt(now));
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("EN", "en")]
    [InlineData("fr-FR", "fr")]
    [InlineData("de", "fr")]
    [InlineData(null, "fr")]
    [InlineData("", "fr")]
    public void Unsupported_cultures_fall_back_to_French(string? asked, string expected) =>
        Assert.Equal(expected, UserPreferences.NormalizeCulture(asked));

    [Fact]
    public void Account_input_rules_name_every_bad_field()
    {
        var result = new AccountInputValidator().Validate(new AccountInput { Name = " ", Siren = "12345", Country = "France" });
        Assert.Equal(
            new[] { nameof(AccountInput.Country), nameof(AccountInput.Name), nameof(AccountInput.Siren) },
            result.Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.True(new AccountInputValidator().Validate(new AccountInput { Name = "Acme", Siren = "732829320" }).IsValid);
    }

    [Fact]
    public void Live_events_survive_the_trip_through_json_with_their_type()
    {
        LiveEvent original = new ActivityLogged(Guid.NewGuid(), ActivityKind.Call, Guid.NewGuid(), null, Guid.NewGuid());
        var json = JsonSerializer.Serialize(original);
        Assert.Contains("\"type\":\"activity-logged\"", json);
        Assert.Equal(original, JsonSerializer.Deserialize<LiveEvent>(json));
    }
}
