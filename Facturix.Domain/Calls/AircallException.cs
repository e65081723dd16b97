using Facturix.Domain.Common;

namespace Facturix.Domain.Calls;

/// <summary>
/// Aircall refused or could not be reached. Never retried blindly: the person reads why (and, when rate limited,
/// when Aircall will take requests again) and decides.
/// </summary>
public sealed class AircallException(string code, string logMessage, DateTimeOffset? retryAt = null, Exception? inner = null)
    : FacturixException(code, logMessage, inner)
{
    /// <summary>When rate limited: the reset time Aircall announced in <c>X-AircallApi-Reset</c>.</summary>
    public DateTimeOffset? RetryAt { get; } = retryAt;
}

/// <summary>The Aircall refusal codes (each has a French and English message in ErrorStrings).</summary>
public static class AircallErrors
{
    /// <summary>No API ID/token set by an admin or the configuration.</summary>
    public const string NotConfigured = "aircall.not-configured";
    /// <summary>The person has not linked their Aircall user id.</summary>
    public const string NoLinkedUser = "aircall.no-linked-user";
    /// <summary>Aircall answered 400/405/422 to the dial: the user is not available (offline, in a call) or the number is refused.</summary>
    public const string UserUnavailable = "aircall.user-unavailable";
    /// <summary>404: the linked Aircall user (or the call) does not exist.</summary>
    public const string NotFound = "aircall.not-found";
    /// <summary>429: too many requests; <see cref="AircallException.RetryAt"/> says when to try again.</summary>
    public const string RateLimited = "aircall.rate-limited";
    /// <summary>401/403: the API ID/token are wrong.</summary>
    public const string BadCredentials = "aircall.bad-credentials";
    /// <summary>Any other failure (5xx, network, timeout).</summary>
    public const string Unavailable = "aircall.unavailable";
    /// <summary>The lead has no E.164 phone to dial.</summary>
    public const string NoPhone = "aircall.no-phone";
    /// <summary>The call has no recording or voicemail (any more).</summary>
    public const string NoRecording = "aircall.no-recording";
    /// <summary>Attach: the call is already on a lead.</summary>
    public const string AlreadyAttached = "conflict.call-attached";
    /// <summary>Another person already linked that Aircall user id.</summary>
    public const string UserIdTaken = "aircall.user-id.taken";
    /// <summary>A validation code: an Aircall user id is a positive number.</summary>
    public const string UserIdInvalid = "aircall.user-id.invalid";

    public static IReadOnlyList<string> All { get; } =
        [NotConfigured, NoLinkedUser, UserUnavailable, NotFound, RateLimited, BadCredentials, Unavailable, NoPhone, NoRecording, AlreadyAttached, UserIdTaken, UserIdInvalid];
}
