using Bunit;
using Facturix.App.Workspace.Working;
using Facturix.Domain.Common;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Domain.Workspace;
using Facturix.Tests.Support;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Workspace;

/// <summary>The outcome bar alone (issue 14, 2.2.2): digits record, a required field is asked for first and what was typed stays.</summary>
public sealed class OutcomeBarTests : ShellTestContext
{
    private readonly FakeOutcomes _outcomes;

    public OutcomeBarTests() : this(new FakeOutcomes()) { }

    private OutcomeBarTests(FakeOutcomes outcomes) : base(services => services.AddSingleton<IWorkspaceOutcomes>(outcomes))
    {
        _outcomes = outcomes;
        SignIn(Roles.BusinessDeveloper);
    }

    private static readonly WorkspaceLead Lead = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Camille Martin", "Acme", "DAF",
        "+33612345678", "camille@acme.fr", "FR", null, LeadStatus.New, 10, 0, null, null, DateTimeOffset.UtcNow.AddMinutes(10), "Europe/Paris", 1);

    private readonly List<OutcomeRecorded> _raised = [];

    private IRenderedComponent<OutcomeBar> RenderBar() =>
        Render<OutcomeBar>(p => p.Add(c => c.Lead, Lead).Add(c => c.OnRecorded, (OutcomeRecorded r) => _raised.Add(r)));

    [Fact]
    public void Each_outcome_is_a_button_showing_its_digit()
    {
        var bar = RenderBar();

        Assert.Equal(["outcome-no-answer", "outcome-voicemail", "outcome-interested", "outcome-not-a-fit"],
            bar.FindAll("[data-testid^=outcome-][data-hotkey]").Select(b => b.GetAttribute("data-testid")!));
        Assert.Contains("1", bar.Find("[data-testid=outcome-no-answer] kbd").TextContent);
        Assert.Contains("Pas de réponse", bar.Find("[data-testid=outcome-no-answer]").TextContent);
        // The main action in the primary colour: the theme's grey "secondary" made it look disabled.
        Assert.Contains("mud-button-filled-primary", bar.Find("[data-testid=finish-next]").ClassList);
        Assert.Empty(bar.FindAll("[data-testid=callback-at]"));
    }

    [Fact]
    public async Task A_digit_records_its_outcome_with_the_note_typed()
    {
        var bar = RenderBar();
        bar.Find("textarea[data-testid=note-input]").Input("Standard, rappeler");

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(1));

        var sent = Assert.Single(_outcomes.Sent);
        Assert.Equal((Lead.Id, FakeOutcomes.NoAnswer.Id, "Standard, rappeler", false), (sent.LeadId, sent.OutcomeId, sent.Note, sent.Release));
        Assert.Single(_raised);
        Assert.True(bar.Instance.HasRecorded);
        bar.WaitForAssertion(() => Assert.Equal("no-answer", bar.Find("[data-testid=outcome-recorded]").GetAttribute("data-key")));
        Assert.Equal("", bar.Find("textarea[data-testid=note-input]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Another_digit_after_an_outcome_corrects_it_by_amending_the_same_call()
    {
        var bar = RenderBar();

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(1));
        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(2));

        Assert.Equal([null, _outcomes.Calls[0]], _outcomes.Recorded.Select(r => r.Amends));
        Assert.Equal([FakeOutcomes.NoAnswer.Id, FakeOutcomes.Voicemail.Id], _outcomes.Recorded.Select(r => r.OutcomeId));
        bar.WaitForAssertion(() => Assert.Equal("voicemail", bar.Find("[data-testid=outcome-recorded]").GetAttribute("data-key")));
    }

    [Fact]
    public async Task A_bar_opened_on_a_lead_whose_hold_has_a_call_amends_that_call()
    {
        var call = Guid.NewGuid();
        var bar = Render<OutcomeBar>(p => p.Add(c => c.Lead, Lead).Add(c => c.RecordedCall, call));

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(2));

        Assert.Equal(call, Assert.Single(_outcomes.Recorded).Amends);
    }

    [Fact]
    public async Task A_digit_without_an_outcome_does_nothing()
    {
        var bar = RenderBar();

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(9));

        Assert.Empty(_outcomes.Sent);
        Assert.False(bar.Instance.HasRecorded);
    }

    [Fact]
    public async Task A_required_note_is_asked_for_first_then_refused_on_its_field_keeping_what_was_typed()
    {
        var bar = RenderBar();
        bar.Find("textarea[data-testid=note-input]").Input("   ");

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(4));

        // Asked, not sent: the outcome waits for its note.
        Assert.Empty(_outcomes.Sent);
        Assert.Equal("not-a-fit", bar.Find("[data-testid=outcome-pending]").GetAttribute("data-key"));
        Assert.Equal("true", bar.Find("[data-testid=outcome-not-a-fit]").GetAttribute("aria-pressed"));

        // Pressed again without the note: the service's verdict lands on the note field.
        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(4));

        bar.WaitForAssertion(() => Assert.Equal("Note", bar.Find("[data-testid=field-error]").GetAttribute("data-field")));
        Assert.Contains("demande une note", bar.Find("[data-testid=field-error]").TextContent);
        Assert.Empty(_outcomes.Recorded);
        Assert.False(bar.Instance.HasRecorded);
        Assert.Equal("not-a-fit", bar.Find("[data-testid=outcome-pending]").GetAttribute("data-key"));
    }

    [Fact]
    public async Task A_required_callback_shows_callback_at_and_a_refusal_keeps_the_note_typed()
    {
        var bar = RenderBar();
        bar.Find("textarea[data-testid=note-input]").Input("Très intéressée par la démo");

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(3));
        Assert.Empty(_outcomes.Sent);
        Assert.NotNull(bar.Find("[data-testid=callback-at]"));

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(3));

        bar.WaitForAssertion(() => Assert.Equal("CallbackAt", bar.Find("[data-testid=field-error]").GetAttribute("data-field")));
        Assert.Empty(_outcomes.Recorded);
        Assert.Equal("Très intéressée par la démo", bar.Find("textarea[data-testid=note-input]").GetAttribute("value"));
    }

    [Fact]
    public async Task Finish_records_the_pending_outcome_with_its_callback_and_releases()
    {
        var bar = RenderBar();
        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(3));
        bar.Find("[data-testid=callback-at]").Change("2026-12-03T14:30");

        var released = await bar.InvokeAsync(() => bar.Instance.CommitPendingAsync(release: true));

        Assert.True(released);
        var sent = Assert.Single(_outcomes.Recorded);
        Assert.Equal((FakeOutcomes.Interested.Id, true), (sent.OutcomeId, sent.Release));
        // Typed in the user's zone (Paris, UTC+1 in December), stored in UTC.
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T13:30:00Z"), sent.CallbackAt);
    }

    [Fact]
    public async Task Finish_with_a_missing_field_stops_with_the_reason_on_the_field()
    {
        var bar = RenderBar();
        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(4));

        await Assert.ThrowsAsync<OutcomeNotRecordedException>(() => bar.InvokeAsync(() => bar.Instance.CommitPendingAsync(release: true)));

        bar.WaitForAssertion(() => Assert.Equal("Note", bar.Find("[data-testid=field-error]").GetAttribute("data-field")));
        Assert.Empty(_outcomes.Recorded);
    }

    [Fact]
    public async Task Finish_without_a_pending_outcome_records_nothing()
    {
        var bar = RenderBar();
        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(2));

        var released = await bar.InvokeAsync(() => bar.Instance.CommitPendingAsync(release: true));

        Assert.False(released);
        Assert.Single(_outcomes.Recorded);
    }

    [Fact]
    public async Task A_lost_lease_is_a_toast_and_the_outcome_stays_chosen()
    {
        _outcomes.Refusal = new ConflictException(ErrorCodes.LeadNotLocked, "lost");
        var bar = RenderBar();
        Render<MudBlazor.MudSnackbarProvider>();
        bar.Find("textarea[data-testid=note-input]").Input("Budget gelé");

        await bar.InvokeAsync(() => bar.Instance.PressDigitAsync(4));
        await Assert.ThrowsAsync<OutcomeNotRecordedException>(() => bar.InvokeAsync(() => bar.Instance.CommitPendingAsync(release: true)));

        Assert.Equal("Budget gelé", bar.Find("textarea[data-testid=note-input]").GetAttribute("value"));
        Assert.False(bar.Instance.HasRecorded);
    }

    /// <summary>The campaign's default outcomes; RecordAsync refuses a missing required field like the real service.</summary>
    private sealed class FakeOutcomes : IWorkspaceOutcomes
    {
        public static readonly WorkspaceOutcome NoAnswer = new(Guid.NewGuid(), "no-answer", "Pas de réponse", 1, false, false, 240);
        public static readonly WorkspaceOutcome Voicemail = new(Guid.NewGuid(), "voicemail", "Messagerie", 2, false, false, 1440);
        public static readonly WorkspaceOutcome Interested = new(Guid.NewGuid(), "interested", "Intéressé", 3, false, true, null);
        public static readonly WorkspaceOutcome NotAFit = new(Guid.NewGuid(), "not-a-fit", "Pas intéressé", 4, true, false, null);
        private static readonly WorkspaceOutcome[] All = [NoAnswer, Voicemail, Interested, NotAFit];

        public List<OutcomeInput> Sent { get; } = [];
        public List<OutcomeInput> Recorded { get; } = [];
        public List<Guid> Calls { get; } = [];
        public Exception? Refusal { get; set; }

        public Task<IReadOnlyList<WorkspaceOutcome>> GetOutcomesAsync(Actor actor, Guid campaignId, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<WorkspaceOutcome>>(All);

        public Task<OutcomeRecorded> RecordAsync(Actor actor, OutcomeInput input, CancellationToken ct = default)
        {
            var copy = new OutcomeInput
            {
                LeadId = input.LeadId, OutcomeId = input.OutcomeId, Note = input.Note, CallbackAt = input.CallbackAt, Release = input.Release,
                Amends = input.Amends,
            };
            Sent.Add(copy);
            if (Refusal is not null) throw Refusal;
            var outcome = All.Single(o => o.Id == input.OutcomeId);
            var failures = new List<ValidationFailure>();
            if (outcome.RequiresNote && string.IsNullOrWhiteSpace(input.Note))
                failures.Add(new ValidationFailure(nameof(OutcomeInput.Note), "") { ErrorCode = ErrorCodes.OutcomeNoteRequired });
            if (outcome.RequiresCallbackDate && input.CallbackAt is null)
                failures.Add(new ValidationFailure(nameof(OutcomeInput.CallbackAt), "") { ErrorCode = ErrorCodes.OutcomeCallbackRequired });
            if (failures.Count > 0) throw new ValidationException(failures);
            Recorded.Add(copy);
            Calls.Add(input.Amends ?? Guid.NewGuid()); // an amended call keeps its id, as the service does
            return Task.FromResult(new OutcomeRecorded(Calls[^1], input.LeadId, LeadStatus.Attempted, null, input.Release));
        }
    }
}
