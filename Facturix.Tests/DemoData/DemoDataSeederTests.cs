using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.DemoData;
using Facturix.Infrastructure.Users;
using Facturix.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PhoneNumbers;
using Xunit.Abstractions;

namespace Facturix.Tests.DemoData;

/// <summary>
/// The demo seed against real PostgreSQL (databases cloned from the migrated template). One class, so its tests run
/// one after the other and the timing assertion of the full seed does not compete with the small seeds.
/// </summary>
public sealed partial class DemoDataSeederTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
    private readonly PasswordHasher<AppUser> _hasher = new();

    [Fact]
    public async Task The_full_demo_seed_writes_the_whole_agency_fast_and_consistently()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("demodatafull");
        var options = new DemoSeedOptions { Now = Now };

        var result = await SeedAsync(connectionString, options);

        output.WriteLine(result.ToString());
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"Seeding took {result.Elapsed}.");
        await using var db = FacturixDbOptions.CreateContext(connectionString);

        // Users and roles.
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           join u in db.Users on ur.UserId equals u.Id
                           select new { u.Email, r.Name }).ToListAsync();
        Assert.Equal(8, await db.Users.CountAsync());
        Assert.Equal(8, roles.Count);
        Assert.Contains(roles, x => x.Email == "admin@facturix.local" && x.Name == Roles.Admin);
        Assert.Contains(roles, x => x.Email == "manager@facturix.local" && x.Name == Roles.Manager);
        for (var i = 1; i <= 6; i++)
            Assert.Contains(roles, x => x.Email == $"bd{i}@facturix.local" && x.Name == Roles.BusinessDeveloper);
        Assert.Equal(3, await db.Roles.CountAsync());
        var bd1 = await db.Users.SingleAsync(u => u.NormalizedEmail == "BD1@FACTURIX.LOCAL");
        Assert.True(bd1.EmailConfirmed);
        Assert.True(bd1.LockoutEnabled);
        Assert.Equal("BD1@FACTURIX.LOCAL", bd1.NormalizedUserName);
        Assert.False(string.IsNullOrEmpty(bd1.SecurityStamp));
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(bd1, bd1.PasswordHash!, DemoDataSeeder.DemoPassword));

        // Accounts and campaigns.
        Assert.Equal(5, await db.Accounts.CountAsync());
        var campaigns = await db.Campaigns.ToListAsync();
        Assert.Equal(10, campaigns.Count);
        Assert.True(campaigns.Select(c => c.State).Distinct().Count() >= 3);
        Assert.All(campaigns.Where(c => c.State == CampaignState.Completed), c => Assert.True(c.EndsOn < DateOnly.FromDateTime(Now.UtcDateTime)));
        Assert.All(campaigns.Where(c => c.State == CampaignState.Draft), c => Assert.True(c.StartsOn > DateOnly.FromDateTime(Now.UtcDateTime)));
        // The demo manager runs three of the five clients, so their dashboard differs from the admin's.
        Assert.Equal(3, await db.AccountAssignments.CountAsync());
        var managerId = await db.Users.Where(u => u.Email == "manager@facturix.local").Select(u => u.Id).SingleAsync();
        Assert.Equal(3, await db.AccountAssignments.CountAsync(a => a.UserId == managerId));

        var activeIds = campaigns.Where(c => c.State == CampaignState.Active).Select(c => c.Id).ToList();
        var activeCampaignsPerBd = await (from a in db.CampaignAssignments
                                          join ur in db.UserRoles on a.UserId equals ur.UserId
                                          join r in db.Roles on ur.RoleId equals r.Id
                                          where r.Name == Roles.BusinessDeveloper && activeIds.Contains(a.CampaignId)
                                          group a by a.UserId into g
                                          select g.Count()).ToListAsync();
        Assert.Equal(6, activeCampaignsPerBd.Count);
        Assert.All(activeCampaignsPerBd, count => Assert.True(count >= 2));

        // Leads.
        Assert.Equal(options.LeadCount, await db.Leads.CountAsync());
        // Every campaign has the default statuses and outcomes; every lead sits on the status of its stage.
        Assert.Equal(campaigns.Count * CampaignDefaults.Statuses.Count, await db.CampaignStatuses.CountAsync());
        Assert.Equal(campaigns.Count * CampaignDefaults.Outcomes.Count, await db.CampaignOutcomes.CountAsync());
        Assert.Equal(0, await db.Leads.CountAsync(l => l.CampaignStatusId == null || !db.CampaignStatuses.Any(s =>
            s.Id == l.CampaignStatusId && s.CampaignId == l.CampaignId && s.Stage == l.Status)));
        Assert.Equal(0, await db.CampaignOutcomes.CountAsync(o => o.TargetCampaignStatusId != null && !db.CampaignStatuses.Any(s =>
            s.Id == o.TargetCampaignStatusId && s.CampaignId == o.CampaignId && s.Stage == o.TargetStatus)));
        Assert.Equal(0, await db.Leads.CountAsync(l => l.LockedById != null));
        var converted = await db.Leads.CountAsync(l => l.Status == LeadStatus.Converted);
        Assert.InRange(converted, options.LeadCount * 2 / 100, options.LeadCount * 8 / 100);
        var leads = await db.Leads.Select(l => new { l.Phone, l.Email, l.Siren, l.CreatedAt }).ToListAsync();
        Assert.All(leads, l => Assert.Matches(E164France(), l.Phone!));
        Assert.All(leads, l => Assert.True(l.Email is null || l.Email == l.Email.ToLowerInvariant() && l.Email.All(char.IsAscii)));
        var withSiren = leads.Where(l => l.Siren is not null).ToList();
        Assert.InRange(withSiren.Count, options.LeadCount * 60 / 100, options.LeadCount * 80 / 100);
        Assert.All(withSiren, l => Assert.True(IsLuhnValid(l.Siren!), l.Siren));
        var phoneUtil = PhoneNumberUtil.GetInstance();
        foreach (var lead in leads.Where((_, i) => i % 40 == 0))
            Assert.True(phoneUtil.IsValidNumber(phoneUtil.Parse(lead.Phone, "FR")), $"{lead.Phone} is not a valid French number.");

        // Activities.
        var activities = await db.Activities.CountAsync();
        Assert.InRange(activities, 140_000, 160_000);
        var history = Now.AddDays(-options.ActivityDays);
        Assert.Equal(0, await db.Activities.CountAsync(a => a.OccurredAt < history || a.OccurredAt > Now));
        Assert.Equal(0, await db.Activities.CountAsync(a =>
            !db.CampaignAssignments.Any(ca => ca.CampaignId == a.CampaignId && ca.UserId == a.UserId)));
        Assert.Equal(0, await db.Activities.CountAsync(a => a.LeadId == null || a.AccountId == null || a.CampaignId == null));
        Assert.Equal(0, await db.Leads.CountAsync(l => l.Status == LeadStatus.Converted && !db.Activities.Any(a =>
            a.LeadId == l.Id && a.Kind == ActivityKind.Call
            && a.OccurredAt < db.Activities.Where(s => s.LeadId == l.Id && s.Kind == ActivityKind.Status).Max(s => s.OccurredAt))));
        Assert.Equal(0, await db.Leads.CountAsync(l => l.Status == LeadStatus.New && db.Activities.Any(a => a.LeadId == l.Id)));
        var visible = await db.Activities.CountAsync(a => a.ClientVisible);
        Assert.InRange(visible, activities * 3 / 100, activities * 8 / 100);
        Assert.True(await db.Activities.AnyAsync(a => a.Kind == ActivityKind.Meeting));
        Assert.True(await db.Activities.AnyAsync(a => a.Kind == ActivityKind.Email && a.Subject != null && a.Body != null));
        // The denormalised lead columns the lists and the queue read agree with the activities.
        Assert.Equal(0, await db.Leads.CountAsync(l =>
            l.OwnerId == null || !db.CampaignAssignments.Any(ca => ca.CampaignId == l.CampaignId && ca.UserId == l.OwnerId)));
        Assert.Equal(0, await db.Leads.CountAsync(l =>
            l.CallAttempts != db.Activities.Count(a => a.LeadId == l.Id && a.Kind == ActivityKind.Call)));
        Assert.Equal(0, await db.Leads.CountAsync(l =>
            l.LastActivityAt != db.Activities.Where(a => a.LeadId == l.Id).Max(a => (DateTimeOffset?)a.OccurredAt)));

        // Tasks and audit.
        Assert.True(await db.Tasks.CountAsync(t => t.CompletedAt == null) > 0);
        Assert.True(await db.Tasks.CountAsync(t => t.CompletedAt != null) > 0);
        Assert.Equal(result.Tasks, await db.Tasks.CountAsync());
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "demo.seeded"));

        // This month's goals: one for each BD, one for each active campaign, all by the manager.
        var manager = await db.Users.SingleAsync(u => u.NormalizedEmail == "MANAGER@FACTURIX.LOCAL");
        var activeCampaigns = await db.Campaigns.CountAsync(c => c.State == CampaignState.Active);
        Assert.Equal(6 + activeCampaigns, await db.Goals.CountAsync(g => g.CreatedById == manager.Id && g.Target > 0));
    }

    [Fact]
    public async Task The_same_options_give_the_same_data_on_two_databases()
    {
        var options = DemoSeedOptions.Small(Now);
        var first = await TestCluster.CreateMigratedDatabaseAsync("demodatasame1");
        var second = await TestCluster.CreateMigratedDatabaseAsync("demodatasame2");

        await SeedAsync(first, options);
        await SeedAsync(second, options);

        var firstHash = await LeadFingerprintAsync(first);
        Assert.Equal(firstHash, await LeadFingerprintAsync(second));

        var other = await TestCluster.CreateMigratedDatabaseAsync("demodataother");
        await SeedAsync(other, options with { Seed = options.Seed + 1 });
        Assert.NotEqual(firstHash, await LeadFingerprintAsync(other));
    }

    [Fact]
    public async Task Seed_if_empty_seeds_once_then_does_nothing()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("demodataonce");
        await using (var db = FacturixDbOptions.CreateContext(connectionString))
            await db.Roles.ExecuteDeleteAsync(); // the seeder must create missing roles itself
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var seeder = new DemoDataSeeder(dataSource, _hasher, NullLogger<DemoDataSeeder>.Instance);

        Assert.True(await seeder.SeedIfEmptyAsync(DemoSeedOptions.Small(Now), CancellationToken.None));
        Assert.False(await seeder.SeedIfEmptyAsync(DemoSeedOptions.Small(Now) with { Seed = 1 }, CancellationToken.None));

        await using var check = FacturixDbOptions.CreateContext(connectionString);
        Assert.Equal(8, await check.Users.CountAsync());
        Assert.Equal(3, await check.Roles.CountAsync());
        Assert.Equal(300, await check.Leads.CountAsync());
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.Action == "demo.seeded"));
    }

    [Fact]
    public async Task A_failed_seed_leaves_nothing_behind()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("demodatafail");
        await SeedAsync(connectionString, DemoSeedOptions.Small(Now));

        // Same users again: the unique user name index rejects the second seed, which must roll back entirely.
        await Assert.ThrowsAsync<PostgresException>(() => SeedAsync(connectionString, DemoSeedOptions.Small(Now) with { Seed = 7 }));

        await using var db = FacturixDbOptions.CreateContext(connectionString);
        Assert.Equal(300, await db.Leads.CountAsync());
        Assert.Equal(5, await db.Accounts.CountAsync());
    }

    [Fact]
    public async Task The_startup_seeds_only_when_configured()
    {
        var connectionString = await TestCluster.CreateMigratedDatabaseAsync("demodatastartup");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        Assert.False(await StartupAsync(dataSource, new() { [DemoDataSetup.SeedDemoKey] = "false" }));
        await using (var db = FacturixDbOptions.CreateContext(connectionString))
            Assert.Equal(0, await db.Users.CountAsync());

        Assert.True(await StartupAsync(dataSource, new() { [DemoDataSetup.SeedDemoKey] = "true", [DemoDataSetup.DemoLeadsKey] = "120" }));
        Assert.False(await StartupAsync(dataSource, new() { [DemoDataSetup.SeedDemoKey] = "true" }));
        await using (var db = FacturixDbOptions.CreateContext(connectionString))
            Assert.Equal(120, await db.Leads.CountAsync());
    }

    [Theory]
    [InlineData(null, true, false, true)]    // the embedded default, a first run: demo data
    [InlineData(null, true, true, false)]    // ...but never silently in Production
    [InlineData(null, false, false, false)]  // an external database: nothing unless asked
    [InlineData("true", false, true, true)]  // asked explicitly: even in Production
    [InlineData("false", true, false, false)]
    public void Demo_data_is_seeded_on_the_embedded_default_or_when_asked_never_silently_in_Production(
        string? seedDemo, bool embedded, bool production, bool seeds) =>
        Assert.Equal(seeds, DemoDataStartup.ShouldSeed(seedDemo, embedded, production));

    private async Task<DemoSeedResult> SeedAsync(string connectionString, DemoSeedOptions options)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new DemoDataSeeder(dataSource, _hasher, NullLogger<DemoDataSeeder>.Instance).SeedAsync(options, CancellationToken.None);
    }

    private static async Task<bool> StartupAsync(NpgsqlDataSource dataSource, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(dataSource)
            .AddFacturixDemoData(configuration)
            .BuildServiceProvider(validateScopes: true);
        return await services.GetRequiredService<DemoDataStartup>().SeedIfConfiguredAsync();
    }

    /// <summary>SHA-256 over every lead's id, e-mail, phone and status, in id order.</summary>
    private static async Task<string> LeadFingerprintAsync(string connectionString)
    {
        await using var db = FacturixDbOptions.CreateContext(connectionString);
        var rows = await db.Leads.OrderBy(l => l.Id).Select(l => new { l.Id, l.Email, l.Phone, l.Status }).ToListAsync();
        Assert.NotEmpty(rows);
        var text = string.Join('\n', rows.Select(r => $"{r.Id}|{r.Email}|{r.Phone}|{r.Status}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Luhn check written independently of the seeder's generator.</summary>
    internal static bool IsLuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (d is < 0 or > 9) return false;
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    [GeneratedRegex(@"^\+33[1-9][0-9]{8}$")]
    internal static partial Regex E164France();
}
