using System.Text.Json;

namespace Facturix.Tests.Calls;

/// <summary>
/// Webhook bodies shaped as Aircall documents them: the envelope <c>{resource, event, timestamp, token, data}</c> with
/// the call object as <c>data</c> (ids and times as numbers, <c>raw_digits</c> with spaces, <c>user</c> null on an
/// unanswered inbound call, <c>comments</c>/<c>tags</c> arrays, recording links that expire).
/// One outbound call of one BD goes: created, answered, hungup, ended (+30 s, duration and recording), commented, tagged.
/// </summary>
public static class AircallPayloads
{
    public const long Started = 1_764_410_000;

    public static string Event(
        string name, long callId, string token, long? aircallUserId, string rawDigits = "+33 1 23 45 67 89",
        string direction = "outbound", bool answered = true, string? missedReason = null, string[]? comments = null,
        string[]? tags = null, bool voicemail = false)
    {
        var order = Array.IndexOf(Order, name);
        var ended = order >= Array.IndexOf(Order, "call.hungup");
        var final = order >= Array.IndexOf(Order, "call.ended");
        var data = new Dictionary<string, object?>
        {
            ["id"] = callId,
            ["direct_link"] = $"https://api.aircall.io/v1/calls/{callId}",
            ["started_at"] = Started,
            ["answered_at"] = answered && order >= 1 ? Started + 8 : null,
            ["ended_at"] = ended ? Started + 135 : null,
            ["duration"] = final ? 135 : 0,
            ["status"] = ended ? "done" : answered && order >= 1 ? "answered" : "initial",
            ["direction"] = direction,
            ["raw_digits"] = rawDigits,
            ["asset"] = final ? $"https://assets.aircall.io/calls/{callId}/recording" : null,
            ["recording"] = final && answered ? $"https://aircall-recordings.s3.amazonaws.com/{callId}.mp3?X-Amz-Expires=600" : null,
            ["voicemail"] = final && voicemail ? $"https://aircall-voicemails.s3.amazonaws.com/{callId}.mp3?X-Amz-Expires=600" : null,
            ["archived"] = false,
            ["missed_call_reason"] = missedReason,
            ["cost"] = "0.0",
            ["number"] = new { id = 1234, direct_link = "https://api.aircall.io/v1/numbers/1234", name = "Facturix Paris", digits = "+33 1 76 00 00 00", country = "FR", time_zone = "Europe/Paris" },
            ["user"] = aircallUserId is { } u
                ? new { id = u, direct_link = $"https://api.aircall.io/v1/users/{u}", name = "BD", email = "bd@facturix.local", available = true, availability_status = "available" }
                : null,
            ["contact"] = null,
            ["comments"] = (comments ?? []).Select((c, i) => new { id = callId * 10 + i, content = c, posted_at = Started + 200 + i, posted_by = new { id = aircallUserId } }).ToArray(),
            ["tags"] = (tags ?? []).Select((t, i) => new { id = 500 + i, name = t, tagged_at = Started + 300 + i }).ToArray(),
            ["teams"] = Array.Empty<object>(),
        };
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["resource"] = "call",
            ["event"] = name,
            ["timestamp"] = Started + order * 10 + (name == "call.ended" ? 30 : 0),
            ["token"] = token,
            ["data"] = data,
        });
    }

    public static readonly string[] Order = ["call.created", "call.answered", "call.hungup", "call.ended", "call.commented", "call.tagged"];

    /// <summary>The whole life of an answered outbound call, in Aircall's order, with a comment and a tag at the end.</summary>
    public static IReadOnlyList<string> AnsweredCall(long callId, string token, long? aircallUserId, string rawDigits = "+33 1 23 45 67 89") =>
        Order.Select(e => Event(e, callId, token, aircallUserId, rawDigits,
            comments: e == "call.commented" || e == "call.tagged" ? ["Rappeler jeudi"] : null,
            tags: e == "call.tagged" ? ["Intéressé"] : null)).ToList();

    /// <summary>An inbound call nobody answered: no user on it until the end, a missed-call reason and no recording.</summary>
    public static IReadOnlyList<string> MissedInboundCall(long callId, string token, long? aircallUserId) =>
        new[] { "call.created", "call.hungup", "call.ended" }.Select(e => Event(e, callId, token, e == "call.created" ? null : aircallUserId,
            direction: "inbound", answered: false, missedReason: e == "call.created" ? null : "agents_did_not_answer")).ToList();
}
