namespace Facturix.Domain.Calls;

/// <summary>A call Aircall reported that matched no lead (backlog 1: <c>/calls/unmatched</c>).</summary>
public sealed record UnmatchedCall(
    Guid ActivityId, long CallId, string? Number, Activities.CallDirection? Direction, bool Missed, int? DurationSeconds,
    DateTimeOffset OccurredAt, string? UserName);

/// <summary>A lead offered when attaching a call, found by name, company or phone.</summary>
public sealed record CallLeadChoice(Guid Id, string Name, string Company, string? Phone, string CampaignName);

/// <summary>A fresh, short-lived link to a call's recording or voicemail.</summary>
public sealed record CallRecordingLink(string Url, bool IsVoicemail);
