using Facturix.Domain.Common;
using Facturix.Domain.Users;

namespace Facturix.Domain.Calls;

/// <summary>Aircall from the BD's side (click-to-dial, recordings) and the managers' unmatched calls.</summary>
public interface ICallService
{
    /// <summary>True when a dial through Aircall is possible for the actor (credentials set and their Aircall user linked); else the UI offers a tel: link.</summary>
    Task<bool> CanDialAsync(Actor actor, CancellationToken ct = default);

    /// <summary>
    /// Asks Aircall to put the lead's E.164 number into the actor's Aircall phone (<c>POST /v1/users/{id}/dial</c>).
    /// Throws <see cref="AircallException"/> with a code from <see cref="AircallErrors"/>; never retries.
    /// </summary>
    Task DialAsync(Actor actor, Guid leadId, CancellationToken ct = default);

    /// <summary>Asks Aircall for a fresh link to the recording (or voicemail) of a call activity the actor may see.</summary>
    Task<CallRecordingLink> GetRecordingLinkAsync(Actor actor, Guid activityId, CancellationToken ct = default);

    /// <summary>Calls that matched no lead, made or received by people in the actor's scope (agency scope: all), newest first.</summary>
    Task<PagedResult<UnmatchedCall>> ListUnmatchedAsync(Actor actor, PageRequest page, CancellationToken ct = default);

    /// <summary>Leads in the actor's scope whose name, company or phone contains <paramref name="text"/> (at most 20).</summary>
    Task<IReadOnlyList<CallLeadChoice>> SearchLeadsAsync(Actor actor, string text, CancellationToken ct = default);

    /// <summary>Attaches an unmatched call to a lead (audited); later events of that call complete the same activity.</summary>
    Task AttachAsync(Actor actor, Guid activityId, Guid leadId, CancellationToken ct = default);
}

/// <summary>The company's Aircall credentials, set once by an admin (configuration, when given, wins).</summary>
public interface IAircallSettingsService
{
    Task<AircallSettingsView> GetAsync(Actor actor, CancellationToken ct = default);
    Task SaveAsync(Actor actor, AircallSettingsInput input, CancellationToken ct = default);
}

/// <summary>Each person links their own Aircall user id (their settings), so dials go to their phone and their calls find their leads.</summary>
public interface IAircallUserLink
{
    Task<long?> GetAsync(Actor actor, CancellationToken ct = default);
    /// <summary>Null unlinks. Another person's id is refused (<see cref="ErrorCodes.Conflict"/>-style code <c>aircall.user-id.taken</c>).</summary>
    Task SetAsync(Actor actor, long? aircallUserId, CancellationToken ct = default);
}
