namespace Facturix.Domain.Activities;

/// <summary>The quick outcomes of the workspace (backlog 2.2.2). Campaign-specific ones are CampaignStatus keys.</summary>
public enum CallOutcome
{
    NoAnswer = 0,
    Voicemail = 1,
    Interested = 2,
    NotAFit = 3,
    MeetingBooked = 4,
    CallBack = 5,
    WrongNumber = 6,
}
