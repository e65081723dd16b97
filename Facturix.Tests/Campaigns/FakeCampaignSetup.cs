using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;

namespace Facturix.Tests.Campaigns;

/// <summary>In-memory statuses and outcomes for component tests: records what the tabs ask for.</summary>
internal sealed class FakeCampaignSetup : ICampaignStatusService, ICampaignOutcomeService
{
    public List<CampaignStatusRow> StatusRows { get; } = [];
    public List<CampaignOutcomeRow> OutcomeRows { get; } = [];
    public List<string> Calls { get; } = [];
    /// <summary>What the next outcome write throws instead of saving (a service-side refusal).</summary>
    public Exception? NextOutcomeWriteFails { get; set; }

    public CampaignStatusRow AddStatus(string key, string label, LeadStatus stage, int leads = 0, int outcomes = 0)
    {
        var row = new CampaignStatusRow(Guid.NewGuid(), key, label, stage, null, StatusRows.Count, leads, outcomes);
        StatusRows.Add(row);
        return row;
    }

    public CampaignOutcomeRow AddOutcome(string key, string label, int? hotkey)
    {
        var row = new CampaignOutcomeRow(Guid.NewGuid(), key, label, hotkey, OutcomeRows.Count, null, null, null, false, false, false, false);
        OutcomeRows.Add(row);
        return row;
    }

    Task<IReadOnlyList<CampaignStatusRow>> ICampaignStatusService.ListAsync(Actor actor, Guid campaignId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CampaignStatusRow>>(StatusRows.ToList());

    Task<Guid> ICampaignStatusService.AddAsync(Actor actor, Guid campaignId, CampaignStatusInput input, CancellationToken ct)
    {
        Calls.Add($"status.add {input.Label}");
        return Task.FromResult(AddStatus(input.Label.ToLowerInvariant(), input.Label, input.Stage).Id);
    }

    Task ICampaignStatusService.UpdateAsync(Actor actor, Guid statusId, CampaignStatusInput input, CancellationToken ct)
    {
        Calls.Add($"status.update {statusId}");
        return Task.CompletedTask;
    }

    Task ICampaignStatusService.ReorderAsync(Actor actor, Guid campaignId, IReadOnlyList<Guid> orderedIds, CancellationToken ct)
    {
        Calls.Add("status.reorder " + string.Join(",", orderedIds.Select(id => StatusRows.Single(s => s.Id == id).Key)));
        var reordered = orderedIds.Select(id => StatusRows.Single(s => s.Id == id)).ToList();
        StatusRows.Clear();
        StatusRows.AddRange(reordered);
        return Task.CompletedTask;
    }

    Task<int> ICampaignStatusService.DeleteAsync(Actor actor, Guid statusId, Guid? moveLeadsTo, CancellationToken ct)
    {
        var row = StatusRows.Single(s => s.Id == statusId);
        var target = moveLeadsTo is { } t ? StatusRows.Single(s => s.Id == t).Key : "none";
        Calls.Add($"status.delete {row.Key} -> {target}");
        StatusRows.Remove(row);
        return Task.FromResult(row.LeadCount);
    }

    Task<IReadOnlyList<CampaignOutcomeRow>> ICampaignOutcomeService.ListAsync(Actor actor, Guid campaignId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CampaignOutcomeRow>>(OutcomeRows.ToList());

    Task<Guid> ICampaignOutcomeService.AddAsync(Actor actor, Guid campaignId, CampaignOutcomeInput input, CancellationToken ct)
    {
        Calls.Add($"outcome.add {input.Label} {input.Hotkey}");
        if (NextOutcomeWriteFails is { } failure) { NextOutcomeWriteFails = null; throw failure; }
        return Task.FromResult(AddOutcome(input.Label.ToLowerInvariant(), input.Label, input.Hotkey).Id);
    }

    Task ICampaignOutcomeService.UpdateAsync(Actor actor, Guid outcomeId, CampaignOutcomeInput input, CancellationToken ct)
    {
        Calls.Add($"outcome.update {input.Label} {input.Hotkey}");
        if (NextOutcomeWriteFails is { } failure) { NextOutcomeWriteFails = null; throw failure; }
        return Task.CompletedTask;
    }

    Task ICampaignOutcomeService.ReorderAsync(Actor actor, Guid campaignId, IReadOnlyList<Guid> orderedIds, CancellationToken ct)
    {
        Calls.Add("outcome.reorder");
        return Task.CompletedTask;
    }

    Task ICampaignOutcomeService.DeleteAsync(Actor actor, Guid outcomeId, CancellationToken ct)
    {
        Calls.Add("outcome.delete");
        OutcomeRows.RemoveAll(o => o.Id == outcomeId);
        return Task.CompletedTask;
    }
}
