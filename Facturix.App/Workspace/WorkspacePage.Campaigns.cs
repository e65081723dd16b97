using Facturix.App.Shell;
using Facturix.Domain.LiveEvents;
using Microsoft.AspNetCore.Components;

namespace Facturix.App.Workspace;

/// <summary>
/// The workspace's campaigns: the list and its counts (read live), and which one is chosen: the held lead's, the
/// address's, the only one, or the one this browser remembers, decided once the first list has landed.
/// </summary>
public partial class WorkspacePage
{
    [SupplyParameterFromQuery(Name = "campaign")] public Guid? CampaignFromQuery { get; set; }

    /// <summary>The first campaign list has landed, and the campaign the address names (or the only one) was chosen.</summary>
    private bool _campaignsListed;
    /// <summary>The held lead's or the browser's remembered campaign was applied: once, after the first list.</summary>
    private bool _choiceRestored;

    /// <summary>From the first list that lands, whichever load it comes from (a live reload may overtake the first read).</summary>
    private void ChooseFromAddress()
    {
        if (CampaignFromQuery is { } id && _campaignIds.Contains(id)) _campaignId = id;
        // A BD on a single campaign has nothing to choose: N works as soon as the page is interactive.
        else if (_campaigns is [var only]) _campaignId = only.Id;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The browser's storage and any lock only once interactive (architecture.md: no side effects in prerendering),
        // and only once the campaigns are known: the first render comes while they are read, and a held lead's campaign
        // or the remembered one checked against an empty list was dropped (the address's campaign then won).
        if (_choiceRestored || !_campaignsListed || !RendererInfo.IsInteractive || _actor is null) return;
        _choiceRestored = true;
        // A lead this circuit still holds comes back first, in its own campaign, whatever the address or the last choice
        // says: the BD left mid-lead (decision 0051), and it is finished or skipped before the campaign changes. Opened on
        // another campaign, it stayed locked, out of the tracker, until its lease ran out.
        if (Locks.HeldCampaignId is { } heldIn && _campaignIds.Contains(heldIn)) _campaignId = heldIn;
        if (_campaignId is { } chosen) await _browser!.WriteAsync(_actor.UserId, chosen);
        else if (await _browser!.ReadAsync(_actor.UserId) is { } remembered && _campaignIds.Contains(remembered)) _campaignId = remembered;
        if (_campaignId is { } campaign && Locks.HeldIn(campaign) is not null) await GetNextAsync();
        StateHasChanged();
    }

    private readonly NewestLoad _campaignLoads = new();

    private async Task LoadCampaignsAsync(CancellationToken ct)
    {
        // The first read, live reloads and the opening alarm's may overlap: an older list landing last would show stale
        // counts (or miss a campaign just opened) until the next event.
        var load = _campaignLoads.Start();
        await Errors.RunAsync(async () =>
        {
            _actor = await ActorAccessor.GetActorAsync();
            var campaigns = await Queue.GetCampaignsAsync(_actor, ct);
            if (!_campaignLoads.IsNewest(load)) return;
            _campaignIds = campaigns.Select(c => c.Id).ToHashSet();
            _campaigns = campaigns;
            if (!_campaignsListed)
            {
                _campaignsListed = true;
                ChooseFromAddress();
            }
            if (RendererInfo.IsInteractive && !_disposed.IsCancellationRequested)
                _opening?.Arm(campaigns, () => _disposed.IsCancellationRequested ? Task.CompletedTask : InvokeAsync(async () =>
                {
                    // Left since the alarm rang: nothing to refresh (and no renderer to ask).
                    if (_disposed.IsCancellationRequested) return;
                    await LoadCampaignsAsync(_disposed.Token);
                    StateHasChanged();
                }));
        });
        // A failed read shows the empty state; an overtaken one leaves the list to the load that overtook it.
        if (_campaignLoads.IsNewest(load)) _campaigns ??= [];
    }

    /// <summary>
    /// Read off the dispatcher by LiveRefresh: only reads fields replaced whole. The selector lists active campaigns only,
    /// so a change to one of the viewer's campaigns that is not listed counts too: a draft or paused campaign made active
    /// stayed out of the selector until the page was reloaded by hand (a new assignment comes as an access change).
    /// </summary>
    private bool IsRelevant(LiveEvent e) => e switch
    {
        LeadLocked l => MayBeListed(l.CampaignId),
        LeadUnlocked u => MayBeListed(u.CampaignId),
        LeadUpdated u => MayBeListed(u.CampaignId),
        LeadsImported i => MayBeListed(i.CampaignId),
        LeadsChanged c => c.CampaignIds.Any(MayBeListed),
        CampaignChanged c => MayBeListed(c.CampaignId)
            || _actor is { } actor && actor.Scope.CoversCampaignOf(c.CampaignId, c.AccountId),
        _ => false,
    };

    /// <summary>
    /// Listed, or the list not read yet: the events replayed as the page subscribes (decision 0067) come while the first
    /// read runs, and one that changed a count after that read's query was dropped against the empty list.
    /// </summary>
    private bool MayBeListed(Guid campaignId) => _campaigns is null || _campaignIds.Contains(campaignId);

    private async Task OnCampaignChangedAsync(Guid? campaignId)
    {
        if (campaignId == _campaignId) return;
        await ReleaseShownAsync(); // switching campaign leaves the lead on screen
        (_campaignId, _empty, _leaseLost, _needsOutcome) = (campaignId, null, false, false);
        if (campaignId is { } id && _actor is not null) await _browser!.WriteAsync(_actor.UserId, id);
    }
}
