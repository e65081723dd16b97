using Facturix.Domain.Leads;

namespace Facturix.Tests.Leads;

public sealed class LeadRulesTests
{
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
    [InlineData(292, true)]  // "https://" + 292 = 300: fits the column
    [InlineData(293, false)] // 301 once prefixed, though only 293 were typed
    public void A_website_is_measured_as_it_will_be_stored(int typed, bool valid)
    {
        var website = "acme.fr/" + new string('a', typed - "acme.fr/".Length);
        var result = new LeadEditInputValidator().Validate(new LeadEditInput { Company = "Acme", Website = website });

        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal("lead.website.too-long", Assert.Single(result.Errors).ErrorCode);
        Assert.Equal(typed + "https://".Length, LeadEditRules.Website(website)!.Length);
    }

    [Fact]
    public void A_full_address_is_measured_trimmed_as_stored()
    {
        var website = "https://acme.fr/" + new string('a', 300 - "https://acme.fr/".Length);
        Assert.True(new LeadEditInputValidator().Validate(new LeadEditInput { Company = "Acme", Website = " " + website + " " }).IsValid);
        Assert.Equal("lead.website.too-long", Assert.Single(new LeadEditInputValidator()
            .Validate(new LeadEditInput { Company = "Acme", Website = website + "a" }).Errors).ErrorCode);
    }

    [Theory]
    [InlineData(150, true)]  // what the import accepts and the column holds: a lead imported so can be saved from its page
    [InlineData(151, false)]
    public void A_job_title_holds_what_the_import_accepts(int length, bool valid) =>
        Assert.Equal(valid, new LeadEditInputValidator().Validate(new LeadEditInput { Company = "Acme", JobTitle = new string('x', length) }).IsValid);
}
