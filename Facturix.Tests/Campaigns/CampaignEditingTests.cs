using System.Text.Json;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Campaigns;

/// <summary>
/// Editing a campaign through <see cref="ICampaignService"/>: the overview and the settings are validated again by the
/// service, saved on the version read (a stale one is a conflict), audited and announced.
/// </summary>
public sealed class CampaignEditingTests(DatabaseFixture fixture) : CampaignServiceTest(fixture)
{
    [Fact]
    public async Task Saving_settings_on_a_stale_version_is_a_conflict_not_an_overwrite()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var manager = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        var read = (await Campaigns.GetAsync(admin, id)).Version;

        await Campaigns.UpdateSettingsAsync(manager, id, new CampaignSettingsInput { MaxCallAttempts = 3 }, read);
        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            Campaigns.UpdateSettingsAsync(admin, id, new CampaignSettingsInput { MaxCallAttempts = 12 }, read));

        Assert.Equal(ErrorCodes.Concurrency, error.Code);
        var details = await Campaigns.GetAsync(admin, id);
        Assert.Equal(3, details.MaxCallAttempts);
        Assert.NotEqual(read, details.Version);
    }

    [Fact]
    public async Task Settings_are_saved_audited_with_before_and_after_and_announced()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        await using var events = await Fixture.RecordEventsAsync();

        await Campaigns.UpdateSettingsAsync(admin, id, new CampaignSettingsInput
        {
            CallingHoursStart = new TimeSpan(8, 30, 0), CallingHoursEnd = new TimeSpan(17, 0, 0), TimeZone = "America/Montreal",
            LockLeaseMinutes = 20, MaxCallAttempts = 4, RetryDelayMinutes = 60,
        }, await VersionOf(id));

        var details = await Campaigns.GetAsync(admin, id);
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(17, 0), "America/Montreal", 20, 4, 60),
            (details.CallingHoursStart, details.CallingHoursEnd, details.TimeZone, details.LockLeaseMinutes, details.MaxCallAttempts, details.RetryDelayMinutes));
        await using var db = NewDb();
        var audit = await db.AuditEvents.SingleAsync(e => e.EntityId == id && e.Action == "campaign.settings-changed");
        using var json = JsonDocument.Parse(audit.Details!);
        Assert.Equal("Europe/Paris", json.RootElement.GetProperty("before").GetProperty("timeZone").GetString());
        Assert.Equal("America/Montreal", json.RootElement.GetProperty("after").GetProperty("timeZone").GetString());
        await events.WaitForAsync<CampaignChanged>(e => e.CampaignId == id);
    }

    [Fact]
    public async Task The_service_runs_the_validators_again()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));
        var version = await VersionOf(id);

        var settings = await Assert.ThrowsAsync<ValidationException>(() =>
            Campaigns.UpdateSettingsAsync(admin, id, new CampaignSettingsInput { TimeZone = "Mars/Olympus_Mons" }, version));
        var overview = await Assert.ThrowsAsync<ValidationException>(() =>
            Campaigns.UpdateAsync(admin, id, new CampaignInput { Name = "X", StartsOn = new DateTime(2026, 5, 2), EndsOn = new DateTime(2026, 5, 1) }, version));

        Assert.Equal("campaign.time-zone.unknown", Assert.Single(settings.Errors).ErrorCode);
        Assert.Equal("campaign.ends-on.before-start", Assert.Single(overview.Errors).ErrorCode);
        Assert.Equal(version, await VersionOf(id));
    }

    [Fact]
    public async Task Editing_the_overview_is_saved_and_audited()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var id = await Campaigns.CreateAsync(admin, NewCampaign((await Given.AccountAsync()).Id));

        await Campaigns.UpdateAsync(admin, id, new CampaignInput { Name = " Relance automne ", Objective = "Démos", TargetCount = 12 }, await VersionOf(id));

        var details = await Campaigns.GetAsync(admin, id);
        Assert.Equal(("Relance automne", "Démos", 12, (DateOnly?)null), (details.Name, details.Objective, details.TargetCount, details.StartsOn));
        Assert.True(await NewDb().AuditEvents.AnyAsync(e => e.EntityId == id && e.Action == "campaign.updated"));
    }
}
