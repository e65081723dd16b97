using Facturix.App.Calls;
using Facturix.App.Workspace.Working;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Facturix.App.Workspace;

/// <summary>
/// The workspace page's orchestration: Get Next, the lead on screen and its lease, finish, skip and the keyboard's
/// callbacks. The campaigns and which one is chosen are in WorkspacePage.Campaigns.cs; the markup and the wiring contract
/// between the parts in WorkspacePage.razor.
/// </summary>
public partial class WorkspacePage
{
    private readonly CancellationTokenSource _disposed = new();
    private Actor? _actor;
    private IReadOnlyList<WorkspaceCampaign>? _campaigns;
    private IReadOnlySet<Guid> _campaignIds = new HashSet<Guid>();
    private Guid? _campaignId;
    private WorkspaceLead? _lead;
    private QueueResult? _empty;
    private bool _busy, _leaseLost, _needsOutcome, _skipOpen;
    private LeaseRenewal? _lease;
    private CampaignOpeningAlarm? _opening;
    private WorkspaceBrowser? _browser;
    private OutcomeBar? _outcomes;
    private CallButton? _call;
    private ScriptDrawer? _script;

    protected override async Task OnInitializedAsync()
    {
        (_lease, _browser, _opening) = (new LeaseRenewal(Queue, Time, Logger), new WorkspaceBrowser(JS, Logger), new CampaignOpeningAlarm(Time, Logger));
        // Reads only (allowed while prerendering): the campaigns and their counts.
        await LoadCampaignsAsync(CancellationToken.None);
    }

    private bool IsLeadOnScreenUpdate(LiveEvent e) => e is LeadUpdated u && _lead?.Id == u.LeadId;

    /// <summary>
    /// The card re-read after someone changed the lead (the lead page's read, not Get Next: that would take the lock again).
    /// The lease, the attempts and the score stay as the workspace knows them; the lease renewal notices a lost lock.
    /// </summary>
    private async Task RefreshLeadAsync(CancellationToken ct)
    {
        if (_lead is not { } lead || _actor is not { } actor) return;
        LeadDetails? details = null;
        if (!await Errors.RunAsync(async () => details = await Leads.GetAsync(actor, lead.Id, ct)) || details is null) return;
        if (_lead?.Id != lead.Id) return; // finished or skipped meanwhile
        _lead = _lead with
        {
            DisplayName = details.DisplayName, JobTitle = details.JobTitle, Company = details.Company, Phone = details.Phone,
            Email = details.Email, Country = details.Country.Trim(), Status = details.Status, StatusLabel = details.StatusLabel,
            LastContactedAt = details.LastContactedAt,
            TimeZone = LeadTimeZones.For(details.Phone, details.Country) ?? _lead.TimeZone,
        };
    }

    private async Task GetNextAsync()
    {
        if (_actor is not { } actor || _campaignId is not { } campaignId || _busy) return;
        (_busy, _leaseLost, _needsOutcome) = (true, false, false);
        try
        {
            await Errors.RunAsync(async () =>
            {
                var result = await Queue.GetNextAsync(actor, campaignId, _disposed.Token);
                _lease!.Stop();
                if (result.Lead is { } lead)
                {
                    (_lead, _empty) = (lead, null);
                    Locks.Hold(actor, lead.Id, campaignId);
                    _lease.Start(actor, lead, expires => InvokeAsync(() => Renewed(lead.Id, expires)), () => InvokeAsync(() => LeaseLost(lead.Id)));
                }
                else (_lead, _empty) = (null, result);
            });
            // Nothing callable: the counts are read again now, so that queue-empty says "callable again" only from here on.
            if (_empty is not null && _lead is null) await LoadCampaignsAsync(_disposed.Token);
        }
        finally { _busy = false; }
    }

    private async Task OnFinishNextAsync()
    {
        if (_lead is not { } lead || _actor is not { } actor)
        {
            await GetNextAsync();
            return;
        }
        if (_busy) return;
        _busy = true;
        try
        {
            var released = false;
            if (!await Errors.RunAsync(async () => released = _outcomes is not null && await _outcomes.CommitPendingAsync(release: true)))
                return;
            // Recorded here, or before the BD left for the lead's page and came back to it (the bar starts afresh then).
            if (!released && _outcomes?.HasRecorded != true && !Locks.HasRecorded(lead.Id))
            {
                _needsOutcome = true; // Finish needs an outcome, or a skip with its reason
                return;
            }
            // A note typed after the outcome was recorded is saved on the lead's timeline, not dropped with the card; a
            // refusal stops here with the note still in its field.
            if (!released && _outcomes?.UnsavedNote is { } note)
            {
                if (!await Errors.RunAsync(() => Leads.AddNoteAsync(actor, lead.Id, note, _disposed.Token))) return;
                _outcomes.ClearUnsavedNote();
            }
            if (!released && !await Errors.RunAsync(() => ReleaseAsync(actor, lead.Id))) return;
        }
        finally { _busy = false; }
        Drop(lead.Id);
        await GetNextAsync();
    }

    private async Task OnSkipAsync()
    {
        if (_lead is not { } lead || _actor is not { } actor || _busy || _skipOpen) return;
        _skipOpen = true;
        DialogResult? answer;
        try
        {
            var dialog = await Dialogs.ShowAsync<SkipDialog>(L["Skip.Title"],
                new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
            answer = await dialog.Result;
        }
        finally { _skipOpen = false; }
        if (answer is not { Canceled: false, Data: string reason } || _lead?.Id != lead.Id) return;
        _busy = true;
        bool skipped;
        try { skipped = await Errors.RunAsync(() => Queue.SkipAsync(actor, lead.Id, reason, _disposed.Token)); }
        finally { _busy = false; }
        if (!skipped) return;
        Drop(lead.Id);
        await GetNextAsync();
    }

    private Task OnRecordedAsync(OutcomeRecorded recorded)
    {
        // The card shows what the service saved (no re-read: Get Next would lock again); a release is OnFinishNextAsync's.
        Locks.MarkRecorded(recorded.LeadId, recorded.ActivityId);
        if (_lead is { } lead && lead.Id == recorded.LeadId)
            _lead = lead with
            {
                Status = recorded.Status, StatusLabel = recorded.StatusLabel, NextCallAt = recorded.NextCallAt,
                CallAttempts = recorded.CallAttempts, LastContactedAt = recorded.LastContactedAt, Score = recorded.Score,
            };
        return Task.CompletedTask;
    }

    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private Microsoft.Extensions.Localization.IStringLocalizer<Facturix.App.Tasks.TaskStrings> TaskText { get; set; } = default!;
    private bool _taskOpen;

    /// <summary>T: a follow-up task on the lead on screen, without leaving the call (the context panel lists it, live).</summary>
    private async Task OnTaskAsync()
    {
        if (_lead is not { } lead || _taskOpen) return;
        _taskOpen = true;
        try
        {
            if (await Facturix.App.Tasks.TaskDialogs.NewTaskAsync(Dialogs, TaskText["Dialog.Title"], lead.Id, lead.DisplayName))
                Shell.Toasts.Toast(Snackbar, TaskText["Created"], Severity.Success);
        }
        finally { _taskOpen = false; }
    }

    private Task OnDigitAsync(int digit) => _lead is not null && _outcomes is not null ? _outcomes.PressDigitAsync(digit) : Task.CompletedTask;
    private Task OnCallAsync() => _lead is not null && _call is not null ? _call.DialAsync() : Task.CompletedTask;
    private Task OnNoteAsync() => _lead is not null && _outcomes is not null ? _outcomes.FocusNoteAsync() : Task.CompletedTask;

    private Task OnEmailAsync() => _lead?.Email is { Length: > 0 } email ? _browser!.OpenMailAsync(email) : Task.CompletedTask;

    private void OnEscape()
    {
        if (_script?.IsOpen == true) _script.Toggle();
        (_needsOutcome, _leaseLost) = (false, false);
    }

    /// <summary>A release that finds the lock gone already (lease expired, reaped) has nothing left to do.</summary>
    private async Task ReleaseAsync(Actor actor, Guid leadId)
    {
        try { await Queue.ReleaseAsync(actor, leadId, _disposed.Token); }
        catch (Exception ex) when (ex is ConflictException or NotFoundException) { Logger.LogInformation(ex, "Lead {LeadId} was no longer held", leadId); }
    }

    private async Task ReleaseShownAsync()
    {
        if (_lead is not { } lead || _actor is not { } actor) return;
        if (await Errors.RunAsync(() => ReleaseAsync(actor, lead.Id))) Drop(lead.Id);
    }

    private void Renewed(Guid leadId, DateTimeOffset expires)
    {
        if (_lead?.Id == leadId) _lead = _lead with { LockExpiresAt = expires };
        StateHasChanged();
    }

    private void LeaseLost(Guid leadId)
    {
        if (_lead?.Id != leadId) return;
        Drop(leadId);
        _leaseLost = true;
        StateHasChanged();
    }

    private void Drop(Guid leadId)
    {
        _lease?.Stop();
        Locks.Forget(leadId);
        if (_lead?.Id == leadId) _lead = null;
    }

    public void Dispose()
    {
        // The lock stays with the circuit (WorkspaceLockTracker); only the renewals stop.
        _disposed.Cancel();
        _lease?.Dispose();
        _opening?.Dispose();
    }
}
