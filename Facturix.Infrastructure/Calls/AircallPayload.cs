using System.Globalization;
using System.Text.Json;

namespace Facturix.Infrastructure.Calls;

/// <summary>
/// The parts of Aircall's call object (webhook <c>data</c>, API <c>call</c>) Facturix uses. Every field may be
/// missing or null depending on the event (a <c>call.created</c> has no duration, an unanswered inbound call no user).
/// </summary>
internal sealed record AircallCallSnapshot(
    long CallId, string Event, long Timestamp, string? Direction, string? Status, long? StartedAt, long? AnsweredAt, long? EndedAt,
    int? Duration, string? RawDigits, string? MissedCallReason, bool HasRecording, bool HasVoicemail, long? UserId,
    IReadOnlyList<(long Id, string Content, long PostedAt)> Comments, IReadOnlyList<(long Id, string Name)> Tags);

internal static class AircallPayload
{
    /// <summary>Reads the stored envelope <c>{"resource","event","timestamp","data"}</c>; null when it is not a call event.</summary>
    public static AircallCallSnapshot? ReadCall(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        if (String(root, "resource") != "call" || String(root, "event") is not { } name) return null;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || Long(data, "id") is not { } id) return null;

        var comments = new List<(long, string, long)>();
        if (data.TryGetProperty("comments", out var cs) && cs.ValueKind == JsonValueKind.Array)
            foreach (var c in cs.EnumerateArray())
                if (Long(c, "id") is { } cid && String(c, "content") is { } content)
                    comments.Add((cid, content, Long(c, "posted_at") ?? 0));
        var tags = new List<(long, string)>();
        if (data.TryGetProperty("tags", out var ts) && ts.ValueKind == JsonValueKind.Array)
            foreach (var t in ts.EnumerateArray())
                if (Long(t, "id") is { } tid && String(t, "name") is { } tagName)
                    tags.Add((tid, tagName));
        long? userId = data.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object ? Long(user, "id") : null;

        return new AircallCallSnapshot(
            id, name, Long(root, "timestamp") ?? 0, String(data, "direction"), String(data, "status"),
            Long(data, "started_at"), Long(data, "answered_at"), Long(data, "ended_at"), (int?)Long(data, "duration"),
            String(data, "raw_digits"), String(data, "missed_call_reason"),
            String(data, "recording") is not null,
            String(data, "voicemail") is not null, userId, comments, tags);
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Aircall sends ids and UNIX times as numbers; a string of digits is tolerated.</summary>
    public static long? Long(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number => (long)value.GetDouble(),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }
}

/// <summary>
/// Everything known about one call, folded from all its stored events in any order: the same set of events gives the
/// same state whatever order (or how many times) they arrived.
/// </summary>
internal sealed record AircallCallState(
    long CallId, string? Direction, long? StartedAt, bool Answered, bool Ended, int? Duration, string? RawDigits,
    string? MissedCallReason, bool HasRecording, bool HasVoicemail, long? UserId, IReadOnlyList<string> Comments,
    IReadOnlyList<string> Tags, long FirstTimestamp)
{
    private static readonly HashSet<string> EndEvents = ["call.hungup", "call.ended", "call.voicemail_left"];

    public bool Missed => Ended && !Answered;

    public static AircallCallState Fold(long callId, IEnumerable<AircallCallSnapshot> snapshots)
    {
        var all = snapshots.OrderBy(s => s.Timestamp).ThenBy(s => s.Event, StringComparer.Ordinal).ToList();
        // The latest non-null value wins for fields that only fill in over time (the user of a transferred call).
        T? Last<T>(Func<AircallCallSnapshot, T?> field) where T : struct =>
            all.Select(field).LastOrDefault(v => v.HasValue);
        string? LastText(Func<AircallCallSnapshot, string?> field) => all.Select(field).LastOrDefault(v => !string.IsNullOrEmpty(v));

        var ended = all.FirstOrDefault(s => s.Event == "call.ended");
        return new AircallCallState(
            callId,
            LastText(s => s.Direction),
            all.Select(s => s.StartedAt).Where(v => v.HasValue).Min(),
            all.Any(s => s.AnsweredAt is not null || s.Event == "call.answered"),
            all.Any(s => EndEvents.Contains(s.Event) || s.EndedAt is not null || s.Status == "done"),
            ended?.Duration ?? all.Select(s => s.Duration).Where(v => v.HasValue).Max(),
            LastText(s => s.RawDigits),
            LastText(s => s.MissedCallReason),
            all.Any(s => s.HasRecording),
            all.Any(s => s.HasVoicemail),
            Last(s => s.UserId),
            all.SelectMany(s => s.Comments).DistinctBy(c => c.Id).OrderBy(c => c.PostedAt).ThenBy(c => c.Id).Select(c => c.Content).ToList(),
            all.SelectMany(s => s.Tags).DistinctBy(t => t.Id).Select(t => t.Name).Order(StringComparer.Ordinal).ToList(),
            all.Count == 0 ? 0 : all[0].Timestamp);
    }
}
