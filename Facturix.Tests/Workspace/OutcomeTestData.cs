using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Workspace;

/// <summary>Rows the outcome and context tests need: a campaign's default statuses and outcomes, and a lease lock set directly.</summary>
internal static class OutcomeTestData
{
    /// <summary>The default statuses and outcomes a new campaign gets (as CampaignService copies them); outcomes by key.</summary>
    public static async Task<IReadOnlyDictionary<string, CampaignOutcome>> DefaultSetupAsync(FacturixDb db, Campaign campaign)
    {
        var statuses = CampaignDefaults.Statuses.Select((t, i) => new CampaignStatus
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = t.Key, Label = t.Label, Stage = t.Stage, Color = t.Color, SortOrder = i,
        }).ToDictionary(s => s.Key);
        var outcomes = CampaignDefaults.Outcomes.Select((t, i) =>
        {
            var target = t.TargetStatusKey is { } key ? statuses[key] : null;
            return new CampaignOutcome
            {
                Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = t.Key, Label = t.Label, Hotkey = t.Hotkey, SortOrder = i,
                TargetCampaignStatusId = target?.Id, TargetStatus = target?.Stage, CallbackDelayMinutes = t.CallbackDelayMinutes,
                RequiresCallbackDate = t.RequiresCallbackDate, RequiresNote = t.RequiresNote, CountsAsContact = t.CountsAsContact,
                CountsAsConversion = t.CountsAsConversion,
            };
        }).ToList();
        db.CampaignStatuses.AddRange(statuses.Values);
        db.CampaignOutcomes.AddRange(outcomes);
        await db.SaveChangesAsync();
        return outcomes.ToDictionary(o => o.Key);
    }

    /// <summary>Moves the fake clock to the next whole microsecond, PostgreSQL's precision, so times read back compare equal.</summary>
    public static void ToWholeMicroseconds(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var extra = clock.GetUtcNow().Ticks % TimeSpan.TicksPerMicrosecond;
        if (extra != 0) clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond - extra));
    }

    /// <summary>Locks <paramref name="lead"/> for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="lease"/> (before IWorkspaceQueue exists).</summary>
    public static Task LockAsync(FacturixDb db, Lead lead, Actor holder, DateTimeOffset now, TimeSpan? lease = null) =>
        db.Leads.Where(l => l.Id == lead.Id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.LockedById, holder.UserId)
            .SetProperty(l => l.LockedAt, now)
            .SetProperty(l => l.LockExpiresAt, now + (lease ?? TimeSpan.FromMinutes(10))));
}
