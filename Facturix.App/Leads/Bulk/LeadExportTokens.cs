using System.Collections.Concurrent;
using System.Security.Cryptography;
using Facturix.Domain.Leads;

namespace Facturix.App.Leads.Bulk;

/// <summary>
/// A pending export, parked by the bulk bar (a circuit cannot stream a file) for the GET that downloads it:
/// <c>/leads/export/{token}</c>. Tokens are random, single-use, short-lived and bound to the user who asked (docs/decisions/0038).
/// </summary>
public sealed class LeadExportTokens(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// What to download; <see cref="SortBy"/>/<see cref="SortDescending"/> are the grid's sort when the person asked, and
    /// <see cref="Search"/> the list's search, which orders ticked rows as the list showed them (as typed first).
    /// </summary>
    public sealed record Pending(Guid UserId, LeadSelection Selection, IReadOnlyList<string> Columns, char Separator, DateTimeOffset ExpiresAt,
        string? SortBy = null, bool SortDescending = false, string? Search = null);

    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public string Park(Guid userId, LeadSelection selection, IReadOnlyList<string> columns, char separator,
        string? sortBy = null, bool sortDescending = false, string? search = null)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, old) in _pending)
            if (old.ExpiresAt <= now) _pending.TryRemove(key, out _);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _pending[token] = new Pending(userId, selection, columns.ToList(), separator, now + Lifetime, sortBy, sortDescending, search);
        return token;
    }

    /// <summary>The export parked under <paramref name="token"/> by <paramref name="userId"/>, once; null if unknown, expired or someone else's.</summary>
    public Pending? Take(string token, Guid userId)
    {
        if (!_pending.TryGetValue(token, out var pending) || pending.UserId != userId) return null;
        if (!_pending.TryRemove(token, out _)) return null;
        return pending.ExpiresAt > clock.GetUtcNow() ? pending : null;
    }
}
