using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using System.Data.Common;
using Facturix.Infrastructure;
using Facturix.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Facturix.Tests.Campaigns.CampaignStatusServiceTests;

namespace Facturix.Tests.Campaigns;

/// <summary>A campaign's call outcomes against PostgreSQL: hotkeys stay unique, targets stay inside the campaign.</summary>
public sealed class CampaignOutcomeServiceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private ICampaignOutcomeService Outcomes => Get<ICampaignOutcomeService>();

    private async Task<(Actor Admin, Campaign Campaign, Guid Status)> SetUpAsync()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var status = await Get<ICampaignStatusService>().AddAsync(admin, campaign.Id,
            new CampaignStatusInput { Label = "Intéressé", Stage = LeadStatus.Interested });
        return (admin, campaign, status);
    }

    [Fact]
    public async Task An_outcome_is_added_with_its_settings_key_and_target_stage_and_audited()
    {
        var (admin, campaign, status) = await SetUpAsync();

        var id = await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput
        {
            Label = "Intéressé", Hotkey = 3, TargetStatusId = status, RequiresCallbackDate = true, CountsAsContact = true,
        });

        var row = Assert.Single(await Outcomes.ListAsync(admin, campaign.Id));
        Assert.Equal((id, "interesse", 3, status, "Intéressé"), (row.Id, row.Key, row.Hotkey, row.TargetStatusId, row.TargetStatusLabel));
        Assert.True(row.RequiresCallbackDate && row.CountsAsContact && !row.CountsAsConversion);
        await using var db = NewDb();
        Assert.Equal(LeadStatus.Interested, (await db.CampaignOutcomes.SingleAsync()).TargetStatus);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.outcome-added");
        Assert.Equal((campaign.Id, "3"), (audit.EntityId!.Value, Detail(audit.Details, "after", "hotkey")));
    }

    [Fact]
    public async Task The_service_refuses_a_hotkey_another_outcome_of_the_campaign_uses()
    {
        var (admin, campaign, _) = await SetUpAsync();
        await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Pas de réponse", Hotkey = 1 });
        var second = await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Messagerie", Hotkey = 2 });

        var onAdd = await Assert.ThrowsAsync<ValidationException>(() =>
            Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Occupé", Hotkey = 1 }));
        var onUpdate = await Assert.ThrowsAsync<ValidationException>(() =>
            Outcomes.UpdateAsync(admin, second, new CampaignOutcomeInput { Label = "Messagerie", Hotkey = 1 }));

        foreach (var error in new[] { onAdd, onUpdate })
            Assert.Equal(("Hotkey", "outcome.hotkey.taken"), (Assert.Single(error.Errors).PropertyName, error.Errors.Single().ErrorCode));
        // Keeping its own digit is not a duplicate; another campaign may use the same digits.
        await Outcomes.UpdateAsync(admin, second, new CampaignOutcomeInput { Label = "Répondeur", Hotkey = 2 });
        var elsewhere = await Given.CampaignAsync(await Given.AccountAsync());
        await Outcomes.AddAsync(admin, elsewhere.Id, new CampaignOutcomeInput { Label = "Pas de réponse", Hotkey = 1 });
        Assert.Equal([(1, "Pas de réponse"), (2, "Répondeur")],
            (await Outcomes.ListAsync(admin, campaign.Id)).Select(o => (o.Hotkey!.Value, o.Label)));
    }

    [Fact]
    public async Task A_target_status_of_another_campaign_is_refused_on_its_field()
    {
        var (admin, _, status) = await SetUpAsync();
        var other = await Given.CampaignAsync(await Given.AccountAsync());

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            Outcomes.AddAsync(admin, other.Id, new CampaignOutcomeInput { Label = "Intéressé", TargetStatusId = status }));

        Assert.Equal(("TargetStatusId", ErrorCodes.OutcomeTargetStatusUnknown),
            (Assert.Single(error.Errors).PropertyName, error.Errors.Single().ErrorCode));
        await using var db = NewDb();
        Assert.False(await db.CampaignOutcomes.AnyAsync());
    }

    [Fact]
    public async Task A_delay_together_with_a_required_callback_date_is_refused_by_the_service()
    {
        var (admin, campaign, _) = await SetUpAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => Outcomes.AddAsync(admin, campaign.Id,
            new CampaignOutcomeInput { Label = "Rappel", CallbackDelayMinutes = 60, RequiresCallbackDate = true }));

        Assert.Equal("outcome.callback-delay.with-date", Assert.Single(error.Errors).ErrorCode);
    }

    [Fact]
    public async Task Outcomes_are_updated_reordered_and_deleted_with_audit_rows_carrying_before_and_after()
    {
        var (admin, campaign, status) = await SetUpAsync();
        var first = await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Pas de réponse", Hotkey = 1, CallbackDelayMinutes = 240 });
        var second = await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Intéressé", Hotkey = 3 });

        await Outcomes.UpdateAsync(admin, second, new CampaignOutcomeInput { Label = "Très intéressé", Hotkey = 4, TargetStatusId = status, RequiresNote = true });
        await Outcomes.ReorderAsync(admin, campaign.Id, [second, first]);
        await Outcomes.DeleteAsync(admin, first);

        var row = Assert.Single(await Outcomes.ListAsync(admin, campaign.Id));
        Assert.Equal(("interesse", "Très intéressé", 4, true), (row.Key, row.Label, row.Hotkey!.Value, row.RequiresNote));
        await using var db = NewDb();
        var updated = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.outcome-updated");
        Assert.Equal(("3", "4", "interesse"), (Detail(updated.Details, "before", "hotkey"), Detail(updated.Details, "after", "hotkey"),
            Detail(updated.Details, "after", "targetStatus")));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "campaign.outcomes-reordered"));
        var deleted = await db.AuditEvents.SingleAsync(e => e.Action == "campaign.outcome-deleted");
        Assert.Equal("pas-de-reponse", Detail(deleted.Details, "before", "key"));
    }

    [Fact]
    public async Task A_BD_and_a_manager_outside_their_accounts_may_not_change_outcomes()
    {
        var (admin, campaign, _) = await SetUpAsync();
        var outcome = await Outcomes.AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Pas de réponse", Hotkey = 1 });
        var bd = await Given.UserAsync(Roles.BusinessDeveloper);
        var manager = await Given.AssignAccountAsync(await Given.UserAsync(Roles.Manager), await Given.AccountAsync());
        var input = new CampaignOutcomeInput { Label = "Changé", Hotkey = 9 };

        await Assert.ThrowsAsync<ForbiddenException>(() => Outcomes.UpdateAsync(bd, outcome, input));
        await Assert.ThrowsAsync<ForbiddenException>(() => Outcomes.DeleteAsync(bd, outcome));
        await Assert.ThrowsAsync<NotFoundException>(() => Outcomes.UpdateAsync(manager, outcome, input));
        await Assert.ThrowsAsync<NotFoundException>(() => Outcomes.AddAsync(manager, campaign.Id, input));
        await Assert.ThrowsAsync<NotFoundException>(() => Outcomes.DeleteAsync(manager, outcome));

        Assert.Equal("Pas de réponse", Assert.Single(await Outcomes.ListAsync(admin, campaign.Id)).Label);
    }

    [Fact]
    public async Task A_digit_taken_between_the_check_and_the_write_is_refused_on_the_hotkey_field_by_the_index()
    {
        var (admin, campaign, _) = await SetUpAsync();
        // Services of their own whose contexts let someone else save digit 5 just before our INSERT runs.
        var race = new RacingOutcomeInsert(Fixture.ConnectionString, campaign.Id, hotkey: 5);
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Fixture.Clock)
            .AddSingleton<IInterceptor>(race)
            .AddFacturixInfrastructure(Fixture.ConnectionString)
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ValidationException>(() => services.GetRequiredService<ICampaignOutcomeService>()
            .AddAsync(admin, campaign.Id, new CampaignOutcomeInput { Label = "Occupé", Hotkey = 5 }));

        Assert.True(race.Ran);
        Assert.Equal(("Hotkey", "outcome.hotkey.taken"), (Assert.Single(error.Errors).PropertyName, error.Errors.Single().ErrorCode));
        await using var db = NewDb();
        Assert.Equal(["racer"], await db.CampaignOutcomes.Select(o => o.Key).ToListAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "campaign.outcome-added"));
    }

    /// <summary>Commits an outcome with <paramref name="hotkey"/> from another connection when our INSERT is about to run.</summary>
    private sealed class RacingOutcomeInsert(string connectionString, Guid campaignId, int hotkey) : DbCommandInterceptor
    {
        public bool Ran { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            await RaceAsync(command, ct);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            await RaceAsync(command, ct);
            return result;
        }

        private async Task RaceAsync(DbCommand command, CancellationToken ct)
        {
            if (Ran || !command.CommandText.Contains("INSERT INTO campaign_outcomes", StringComparison.Ordinal)) return;
            Ran = true;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO campaign_outcomes (id, campaign_id, key, label, hotkey, sort_order, requires_callback_date, requires_note, counts_as_contact, counts_as_conversion)
                VALUES ($1, $2, 'racer', 'Racer', $3, 99, false, false, false, false)
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = campaignId });
            insert.Parameters.Add(new NpgsqlParameter { Value = hotkey });
            await insert.ExecuteNonQueryAsync(ct);
        }
    }
}
