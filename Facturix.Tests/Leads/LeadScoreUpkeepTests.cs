using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Leads;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facturix.Tests.Leads;

/// <summary>
/// The stored score follows its inputs (backlog 2.3.4, docs/decisions/0039): lead edits, campaign targets, activities
/// and the passing of time (the daily job).
/// </summary>
public sealed class LeadScoreUpkeepTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private async Task<Lead> ReadAsync(Guid leadId)
    {
        await using var db = NewDb();
        return await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
    }

    private async Task SetAsync(Guid leadId, Action<Lead> change)
    {
        await using var db = NewDb();
        change(await db.Leads.SingleAsync(l => l.Id == leadId));
        await db.SaveChangesAsync();
    }

    private LeadScoreJob Job() => new(Get<IDbContextFactory<FacturixDb>>(), Fixture.Clock, NullLogger<LeadScoreJob>.Instance);

    private static LeadEditInput Edit(Lead lead) => new()
    {
        FirstName = lead.FirstName, LastName = lead.LastName, JobTitle = lead.JobTitle, Company = lead.Company, Email = lead.Email,
        Phone = lead.Phone, Country = lead.Country, City = lead.City, Website = lead.Website, CompanyEmployees = lead.CompanyEmployees,
    };

    [Fact]
    public async Task Editing_job_title_headcount_and_country_rescores_the_lead_in_the_same_save()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        await using (var db = NewDb())
        {
            (await db.Campaigns.SingleAsync(c => c.Id == campaign.Id)).TargetCountries = ["BE"];
            await db.SaveChangesAsync();
        }
        var lead = await ReadAsync((await Given.LeadsAsync(campaign, 1)).Single().Id);
        var leads = Get<ILeadService>();

        await leads.UpdateAsync(admin, lead.Id, Edit(lead), lead.Version);
        Assert.Equal(0, (await ReadAsync(lead.Id)).Score);

        var input = Edit(lead);
        input.JobTitle = "PDG";
        await leads.UpdateAsync(admin, lead.Id, input, (await ReadAsync(lead.Id)).Version);
        Assert.Equal(30, (await ReadAsync(lead.Id)).Score);

        input.CompanyEmployees = 120; // medium: 12
        await leads.UpdateAsync(admin, lead.Id, input, (await ReadAsync(lead.Id)).Version);
        Assert.Equal(42, (await ReadAsync(lead.Id)).Score);

        input.Country = "Belgique"; // a target country: 15
        await leads.UpdateAsync(admin, lead.Id, input, (await ReadAsync(lead.Id)).Version);
        var stored = await ReadAsync(lead.Id);
        Assert.Equal((57, "BE", 120), (stored.Score, stored.Country, stored.CompanyEmployees!.Value));
        // The page's breakdown and the stored score agree.
        Assert.Equal(stored.Score, (await leads.GetAsync(admin, lead.Id)).Score.Total);
    }

    [Fact]
    public async Task Website_and_headcount_are_validated_and_stored()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var lead = await ReadAsync((await Given.LeadsAsync(await Given.CampaignAsync(await Given.AccountAsync()), 1)).Single().Id);
        var input = Edit(lead);
        input.Website = "pas un site";
        input.CompanyEmployees = -3;

        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Get<ILeadService>().UpdateAsync(admin, lead.Id, input, lead.Version));
        Assert.Equal(["lead.company-employees.range", "lead.website.format"], invalid.Errors.Select(e => e.ErrorCode).Order());

        input.Website = "www.acme.fr";
        input.CompanyEmployees = 12;
        await Get<ILeadService>().UpdateAsync(admin, lead.Id, input, lead.Version);
        var stored = await ReadAsync(lead.Id);
        Assert.Equal(("https://www.acme.fr", 12), (stored.Website, stored.CompanyEmployees!.Value));
        var details = await Get<ILeadService>().GetAsync(admin, lead.Id);
        Assert.Equal(("https://www.acme.fr", 12), (details.Website, details.CompanyEmployees!.Value));
    }

    [Fact]
    public async Task Changing_a_campaign_target_countries_rescores_its_leads_only_and_tells_the_lists()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var account = await Given.AccountAsync();
        var campaign = await Given.CampaignAsync(account);
        var other = await Given.CampaignAsync(account);
        var leads = await Given.LeadsAsync(campaign, 3);
        var outsider = (await Given.LeadsAsync(other, 1)).Single();
        await SetAsync(leads[2].Id, l => l.Country = "DE");
        var campaigns = Get<ICampaignService>();
        await using var events = await Fixture.RecordEventsAsync();

        var details = await campaigns.GetAsync(admin, campaign.Id);
        var settings = details.ToSettingsInput();
        settings.TargetCountries = "fr, be";
        await campaigns.UpdateSettingsAsync(admin, campaign.Id, settings, details.Version);

        Assert.Equal(["FR", "BE"], (await campaigns.GetAsync(admin, campaign.Id)).TargetCountries);
        var scores = await Task.WhenAll(leads.Select(async l => (await ReadAsync(l.Id)).Score));
        Assert.Equal([15, 15, 0], scores);
        Assert.Equal(0, (await ReadAsync(outsider.Id)).Score);
        await events.WaitForAsync<LeadsChanged>(e => e.CampaignIds.Contains(campaign.Id));

        // Removing the targets takes the points back.
        details = await campaigns.GetAsync(admin, campaign.Id);
        settings = details.ToSettingsInput();
        Assert.Equal("FR, BE", settings.TargetCountries);
        settings.TargetCountries = "";
        await campaigns.UpdateSettingsAsync(admin, campaign.Id, settings, details.Version);
        Assert.Equal(0, (await ReadAsync(leads[0].Id)).Score);
    }

    [Fact]
    public async Task Target_countries_must_be_iso_codes()
    {
        var validator = new CampaignSettingsInputValidator();

        Assert.True((await validator.ValidateAsync(new CampaignSettingsInput { TargetCountries = "FR; be ,CH" })).IsValid);
        var wrong = await validator.ValidateAsync(new CampaignSettingsInput { TargetCountries = "FR, France" });
        Assert.Equal("campaign.target-countries.unknown", Assert.Single(wrong.Errors).ErrorCode);
        Assert.Equal("campaign.target-countries.unknown", Assert.Single((await validator.ValidateAsync(new CampaignSettingsInput { TargetCountries = "XX" })).Errors).ErrorCode);
    }

    [Fact]
    public async Task Logged_outcomes_replies_and_last_contact_are_counted_when_the_lead_is_rescored()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        var now = Fixture.Clock.GetUtcNow();
        await using (var db = NewDb())
        {
            db.Activities.AddRange(
                new Activity { Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = campaign.Id, AccountId = campaign.AccountId,
                    Kind = ActivityKind.Call, Outcome = CallOutcome.MeetingBooked, OccurredAt = now, CreatedAt = now },
                new Activity { Id = Guid.CreateVersion7(), LeadId = lead.Id, CampaignId = campaign.Id, AccountId = campaign.AccountId,
                    Kind = ActivityKind.Email, Direction = CallDirection.Inbound, OccurredAt = now, CreatedAt = now });
            (await db.Leads.SingleAsync(l => l.Id == lead.Id)).LastContactedAt = now;
            await db.SaveChangesAsync();
        }

        // What a writer of calls or replies does: rescore the lead after logging.
        await using (var db = NewDb())
            await LeadScores.RecomputeAsync(db, l => l.Id == lead.Id, now, CancellationToken.None);
        Assert.Equal(20, (await ReadAsync(lead.Id)).Score);

        // Three weeks of silence: the daily job takes the decay off.
        Fixture.Clock.Advance(TimeSpan.FromDays(21));
        Assert.Equal(1, await Job().RunAsync(CancellationToken.None));
        Assert.Equal(10, (await ReadAsync(lead.Id)).Score);
        Assert.Equal(0, await Job().RunAsync(CancellationToken.None)); // idempotent
    }

    [Fact]
    public async Task The_daily_job_walks_every_lead_in_chunks_and_writes_only_changed_scores()
    {
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var leads = await Given.LeadsAsync(campaign, 7);
        var now = Fixture.Clock.GetUtcNow();
        foreach (var lead in leads.Take(5))
            await SetAsync(lead.Id, l => { l.JobTitle = "Directrice commerciale"; l.LastContactedAt = now.AddDays(-30); });
        var untouched = await ReadAsync(leads[6].Id);

        await using (var db = NewDb())
            Assert.Equal(5, await LeadScores.RecomputeAsync(db, _ => true, now, CancellationToken.None, chunkSize: 2));

        Assert.All(await Task.WhenAll(leads.Take(5).Select(l => ReadAsync(l.Id))), l => Assert.Equal(22 - 15, l.Score));
        Assert.Equal(untouched.Version, (await ReadAsync(leads[6].Id)).Version); // no write where nothing changed
    }
}
