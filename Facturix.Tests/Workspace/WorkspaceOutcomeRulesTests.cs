using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Workspace;

namespace Facturix.Tests.Workspace;

/// <summary>
/// The outcome's rules without a database: the fixed call outcome a campaign outcome stands for, and the input
/// validator's codes.
/// </summary>
public sealed class WorkspaceOutcomeRulesTests
{
    [Theory]
    [InlineData("no-answer", null, CallOutcome.NoAnswer)]
    [InlineData("wrong-number", null, CallOutcome.WrongNumber)]
    [InlineData("rdv", LeadStatus.MeetingBooked, CallOutcome.MeetingBooked)]
    [InlineData("refus-net", LeadStatus.NotAFit, CallOutcome.NotAFit)]
    public void A_campaign_outcome_maps_to_the_fixed_outcome_it_stands_for(string key, LeadStatus? target, CallOutcome expected) =>
        Assert.Equal(expected, WorkspaceOutcomes.CallOutcomeOf(new CampaignOutcome { Key = key, Label = key, TargetStatus = target }));

    [Fact]
    public void A_campaign_outcome_that_says_nothing_countable_maps_to_none() =>
        Assert.Null(WorkspaceOutcomes.CallOutcomeOf(new CampaignOutcome { Key = "standard", Label = "Standard", TargetStatus = LeadStatus.Attempted }));

    [Fact]
    public void The_validator_refuses_a_long_note_and_a_past_callback_with_codes()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        var validator = new OutcomeInputValidator(clock);

        var result = validator.Validate(new OutcomeInput { Note = new string('x', OutcomeInputValidator.NoteMaxLength + 1), CallbackAt = clock.GetUtcNow() });

        Assert.Equal(["workspace.note.too-long", "workspace.callback-at.past"], result.Errors.Select(e => e.ErrorCode));
        Assert.True(validator.Validate(new OutcomeInput { Note = "ok", CallbackAt = clock.GetUtcNow().AddMinutes(1) }).IsValid);
    }
}
