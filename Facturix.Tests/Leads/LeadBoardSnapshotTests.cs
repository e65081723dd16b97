using System.Data.Common;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Board;
using Facturix.Domain.Users;
using Facturix.Infrastructure;
using Facturix.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Leads;

/// <summary>
/// The board reads its counts and each column's cards in one snapshot. A full run once showed a watcher's board with the
/// moved card in two columns: a move committed between the board's statements.
/// </summary>
public sealed class LeadBoardSnapshotTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_move_committed_while_the_board_is_read_leaves_the_card_in_one_column_matching_the_counts()
    {
        var admin = await Given.UserAsync(Roles.Admin);
        var campaign = await Given.CampaignAsync(await Given.AccountAsync());
        var fresh = await Given.CampaignStatusAsync(campaign, "Nouveau", LeadStatus.New, 0);
        var won = await Given.CampaignStatusAsync(campaign, "Gagné", LeadStatus.Converted, 1);
        var lead = (await Given.LeadsAsync(campaign, 1)).Single();
        await MoveAsync(lead.Id, fresh);

        // Someone else's move commits right after the board has counted, before it reads the columns' cards.
        var moveAfterCounts = new AfterFirstCommand("GROUP BY", () => MoveAsync(lead.Id, won));
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Fixture.Clock)
            .AddSingleton<IInterceptor>(moveAfterCounts)
            .AddFacturixInfrastructure(Fixture.ConnectionString)
            .BuildServiceProvider();
        var board = await services.GetRequiredService<ILeadBoard>().GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id));

        Assert.True(moveAfterCounts.Ran);
        // The board as it was when it started reading: the card once, where the counts put it.
        Assert.Equal([(fresh.Id, 1L, 1)], board.Columns.Where(c => c.Count > 0 || c.Cards.Count > 0)
            .Select(c => (c.StatusId, c.Count, c.Cards.Count(k => k.Id == lead.Id))));
        // The next read shows the move.
        var after = await Get<ILeadBoard>().GetAsync(admin, new LeadListQuery(CampaignId: campaign.Id));
        Assert.Equal(won.Id, after.Columns.Single(c => c.Cards.Any(k => k.Id == lead.Id)).StatusId);
    }

    /// <summary>On the fixture's own context (no interceptor): another person's committed change.</summary>
    private async Task MoveAsync(Guid leadId, CampaignStatus to)
    {
        await using var db = NewDb();
        var lead = await db.Leads.SingleAsync(l => l.Id == leadId);
        (lead.CampaignStatusId, lead.Status) = (to.Id, to.Stage);
        await db.SaveChangesAsync();
    }

    /// <summary>Runs <paramref name="action"/> once, after the first command whose text contains <paramref name="marker"/> has run.</summary>
    private sealed class AfterFirstCommand(string marker, Func<Task> action) : DbCommandInterceptor
    {
        private int _ran;

        public bool Ran => Volatile.Read(ref _ran) == 1;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(marker, StringComparison.Ordinal) && Interlocked.Exchange(ref _ran, 1) == 0)
                await action();
            return result;
        }
    }
}
