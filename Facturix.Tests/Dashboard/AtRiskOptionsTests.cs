using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.AtRisk;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Dashboard.AtRisk;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Facturix.Tests.Dashboard;

/// <summary>
/// The at-risk thresholds are the agency's settings (<c>Facturix:Dashboard:AtRisk</c>): read from configuration, refused
/// when they make no sense or reach beyond the days the dashboard keeps, and obeyed by the service.
/// </summary>
public sealed class AtRiskOptionsTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Theory]
    [InlineData(0, 0.5, 7, 60, null)]
    [InlineData(3, 1.0, 7, 60, "ContactRateFloor")]
    [InlineData(3, 0.5, 30, 71, "at most 100")]
    [InlineData(3, 0.5, 30, 70, "")]
    public void Settings_outside_their_range_are_refused_with_the_reason(int idle, double floor, int recent, int norm, string? problem)
    {
        var options = new AtRiskOptions { IdleDays = idle, ContactRateFloor = floor, RecentDays = recent, NormDays = norm };

        if (problem == "") Assert.Null(options.Problem());
        else Assert.Contains(problem ?? "positive", options.Problem());
    }

    [Fact]
    public void The_settings_are_read_from_configuration_and_a_bad_one_stops_the_service_from_being_built()
    {
        static IOptions<AtRiskOptions> From(Dictionary<string, string?> values)
        {
            var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
            AtRiskOptions.AddTo(services);
            return services.BuildServiceProvider().GetRequiredService<IOptions<AtRiskOptions>>();
        }

        var read = From(new() { [$"{AtRiskOptions.Section}:IdleDays"] = "10", [$"{AtRiskOptions.Section}:ContactRateFloor"] = "0.3" });
        Assert.Equal((10, 0.3, 7), (read.Value.IdleDays, read.Value.ContactRateFloor, read.Value.RecentDays));

        var bad = From(new() { [$"{AtRiskOptions.Section}:NormDays"] = "200" });
        Assert.Contains("NormDays", Assert.Throws<OptionsValidationException>(() => bad.Value).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_longer_idle_threshold_leaves_a_campaign_quiet_for_five_days_unflagged()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 17, 10, 0, 0, TimeSpan.Zero));
        var today = AgencyDays.Today(clock);
        var admin = await Given.UserAsync(Roles.Admin);
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync("Acme"), CampaignState.Active, bd);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await using (var db = NewDb())
        {
            var at = AgencyDays.StartOf(today.AddDays(-5)).AddHours(10).ToUniversalTime();
            db.Activities.Add(new Activity
            {
                Id = Guid.CreateVersion7(), LeadId = lead.Id, AccountId = campaign.AccountId, CampaignId = campaign.Id, UserId = bd.UserId,
                Kind = ActivityKind.Call, Outcome = CallOutcome.Interested, OccurredAt = at, CreatedAt = at,
            });
            await db.SaveChangesAsync();
            await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsOn, today.AddDays(-30)));
        }
        IAtRiskService Service(int idleDays) =>
            ActivatorUtilities.CreateInstance<AtRiskService>(Fixture.Services, clock, Options.Create(new AtRiskOptions { IdleDays = idleDays }));

        Assert.Equal([AtRiskReason.NoRecentActivity], Assert.Single(await Service(3).GetAtRiskAsync(admin)).Reasons);
        Assert.Empty(await Service(10).GetAtRiskAsync(admin));
    }
}
