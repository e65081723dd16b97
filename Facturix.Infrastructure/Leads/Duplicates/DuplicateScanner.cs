using System.Diagnostics;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.LiveEvents;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Facturix.Infrastructure.Leads.Duplicates;

/// <summary>What one scan found.</summary>
public sealed record DuplicateScanResult(int OpenGroups, int Members, int CrossClientConflicts, TimeSpan Elapsed);

/// <summary>
/// The full duplicate scan (backlog 2.3.6, docs/decisions/0041): set-based SQL over every lead, in one transaction.
/// It computes the <see cref="DuplicateKeys"/> in SQL, groups leads of the same account sharing a key (and, for the
/// fuzzy name + company pass, names similar by pg_trgm within a block of the same company), reconciles
/// <c>lead_duplicate_groups</c>/<c>members</c> with what it found (idempotent: a group found again keeps its id and
/// its dismissal, a group that no longer holds is removed), sets the rows of <c>lead_cross_client_conflicts</c>
/// and announces <see cref="DuplicatesScanned"/>. One scan at a time across instances (advisory lock).
/// </summary>
internal sealed class DuplicateScanner(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, ILogger<DuplicateScanner> log)
{
    /// <summary>The advisory lock key ("FX" + 0x0041): held for the scan's transaction; its presence in pg_locks is "running".</summary>
    internal const int LockKey = 0x46580041;

    /// <summary>pg_trgm similarity from which two names of the same company count as the same person ("Jean Martin" / "Jean Martins").</summary>
    internal const double NameSimilarity = 0.6;

    /// <summary>
    /// Fuzzy comparison is pairwise inside a block (same account, company key and first letter of the name): blocks
    /// larger than this only match equal names, so the cost stays linear whatever the data (0041).
    /// </summary>
    internal const int MaxFuzzyBlock = 50;

    internal static readonly TimeSpan ScanTimeout = TimeSpan.FromHours(1);

    public async Task<DuplicateScanResult?> ScanAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A first scan of a big agency rewrites many rows (docs/benchmarks.md): bounded generously, never the 30 s default.
        db.Database.SetCommandTimeout(ScanTimeout);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();

        if (!(bool)(await ScalarAsync(connection, transaction, $"SELECT pg_try_advisory_xact_lock({LockKey})", ct))!)
        {
            log.LogInformation("Duplicate scan skipped: another scan is running.");
            return null;
        }

        await using (var command = new NpgsqlCommand(Sql, connection, transaction))
        {
            command.CommandTimeout = (int)ScanTimeout.TotalSeconds;
            command.Parameters.Add(new NpgsqlParameter("freemail", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = DuplicateKeys.FreeMailDomains.ToArray() });
            command.Parameters.Add(new NpgsqlParameter("freeprefix", NpgsqlDbType.Text)
            {
                Value = "^(" + string.Join('|', DuplicateKeys.FreeMailPrefixes.Select(p => p.TrimEnd('.'))) + ")\\.",
            });
            command.Parameters.Add(new NpgsqlParameter("social", NpgsqlDbType.Text) { Value = DuplicateKeys.SocialNetworkPattern });
            command.Parameters.Add(new NpgsqlParameter("legal", NpgsqlDbType.Text)
            {
                Value = "\\m(" + string.Join('|', DuplicateKeys.LegalFormWords.OrderBy(w => w, StringComparer.Ordinal)) + ")\\M",
            });
            command.Parameters.Add(new NpgsqlParameter("similarity", NpgsqlDbType.Real) { Value = (float)NameSimilarity });
            command.Parameters.Add(new NpgsqlParameter("maxblock", NpgsqlDbType.Integer) { Value = MaxFuzzyBlock });
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = clock.GetUtcNow() });
            await command.ExecuteNonQueryAsync(ct);
        }

        var groups = Convert.ToInt32(await ScalarAsync(connection, transaction,
            "SELECT count(*) FROM lead_duplicate_groups WHERE dismissed_at IS NULL", ct));
        var members = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT count(*) FROM lead_duplicate_members", ct));
        var conflicts = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT count(*) FROM dup_conflicts", ct));
        await db.PublishNowAsync(new DuplicatesScanned(groups), ct);
        await tx.CommitAsync(ct);

        var result = new DuplicateScanResult(groups, members, conflicts, watch.Elapsed);
        log.LogInformation("Duplicate scan: {Groups} open groups, {Members} memberships, {Conflicts} cross-client conflicts in {Elapsed}.",
            groups, members, conflicts, watch.Elapsed);
        return result;
    }

    /// <summary>Whether a scan holds the lock now, on any instance.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<bool>($"""
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = {LockKey} AND objsubid = 1
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS "Value"
            """).SingleAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = (int)ScanTimeout.TotalSeconds };
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// The keys mirror <see cref="DuplicateKeys"/>: email trimmed and lower-cased with one "@"; phone as stored when it
    /// is E.164 (the app stores E.164; a typed national number left by an import is not guessed here); SIREN nine digits
    /// once white space is removed; domain from the website (unless a social network's page), else the email, without "www." nor free-mail providers;
    /// name and company folded (unaccent, punctuation to spaces, dots dropped), legal forms removed from the company.
    /// Groups are per account: the same person in two clients' campaigns is the cross-client conflict, not a merge.
    /// </summary>
    private const string Sql = """
        SET LOCAL work_mem = '256MB';

        CREATE TEMP TABLE dup_keys ON COMMIT DROP AS
        SELECT l.id, l.account_id, e.email,
               CASE WHEN p.phone ~ '^\+[1-9][0-9]{6,14}$' THEN p.phone END AS phone,
               CASE WHEN s.siren ~ '^[0-9]{9}$' THEN s.siren END AS siren,
               CASE WHEN w.host ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$' AND w.host <> ALL(@freemail) AND w.host !~ @freeprefix AND w.host !~ @social THEN w.host
                    WHEN m.host ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$' AND m.host <> ALL(@freemail) AND m.host !~ @freeprefix THEN m.host END AS domain,
               nullif(btrim(regexp_replace(replace(public.facturix_unaccent(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')), '.', ''), '[^[:alnum:]]+', ' ', 'g')), '') AS name,
               nullif(btrim(regexp_replace(regexp_replace(btrim(regexp_replace(replace(public.facturix_unaccent(l.company), '.', ''), '[^[:alnum:]]+', ' ', 'g')),
                   @legal, ' ', 'g'), ' +', ' ', 'g')), '') AS company
        FROM leads l
        CROSS JOIN LATERAL (SELECT CASE WHEN lower(btrim(l.email)) ~ '^[^@]+@[^@]+$' THEN lower(btrim(l.email)) END AS email) e
        CROSS JOIN LATERAL (SELECT translate(l.phone, E' \t\n\r\f\v.()-', '') AS phone) p
        CROSS JOIN LATERAL (SELECT translate(l.siren, E' \t\n\r\f\v', '') AS siren) s
        CROSS JOIN LATERAL (SELECT regexp_replace(rtrim(regexp_replace(regexp_replace(lower(btrim(l.website)),
            '^[a-z][a-z0-9+.-]*://', ''), '[/?#:@].*$', ''), '.'), '^www\.', '') AS host) w
        CROSS JOIN LATERAL (SELECT regexp_replace(split_part(e.email, '@', 2), '^www\.', '') AS host) m;
        ANALYZE dup_keys;

        CREATE TEMP TABLE dup_found (reason text NOT NULL, match_key text NOT NULL, lead_id uuid NOT NULL) ON COMMIT DROP;
        -- Keys shared within an account: hash aggregates joined back (window functions sorted a million keys four times).
        INSERT INTO dup_found
        SELECT 'Email', k.account_id::text || '|' || k.email, k.id
        FROM dup_keys k JOIN (SELECT account_id, email FROM dup_keys WHERE email IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d USING (account_id, email);
        INSERT INTO dup_found
        SELECT 'Phone', k.account_id::text || '|' || k.phone, k.id
        FROM dup_keys k JOIN (SELECT account_id, phone FROM dup_keys WHERE phone IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d USING (account_id, phone);
        INSERT INTO dup_found
        SELECT 'Siren', k.account_id::text || '|' || k.siren, k.id
        FROM dup_keys k JOIN (SELECT account_id, siren FROM dup_keys WHERE siren IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d USING (account_id, siren);
        INSERT INTO dup_found
        SELECT 'WebsiteDomain', k.account_id::text || '|' || k.domain, k.id
        FROM dup_keys k JOIN (SELECT account_id, domain FROM dup_keys WHERE domain IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d USING (account_id, domain);

        -- Fuzzy name + company: blocked by account, company key and the name's first letter; each lead's anchor is the
        -- smallest name in its block similar to its own (itself included), and leads sharing an anchor form a group.
        CREATE TEMP TABLE dup_names ON COMMIT DROP AS
        SELECT id, account_id, company, name, left(name, 1) AS initial,
               count(*) OVER (PARTITION BY account_id, company, left(name, 1)) AS block
        FROM dup_keys WHERE name IS NOT NULL AND company IS NOT NULL;
        ANALYZE dup_names;
        CREATE TEMP TABLE dup_anchors ON COMMIT DROP AS
        SELECT a.id, a.account_id, a.company, min(b.name) AS anchor
        FROM dup_names a
        JOIN dup_names b ON b.account_id = a.account_id AND b.company = a.company AND b.initial = a.initial
        WHERE a.block BETWEEN 2 AND @maxblock AND b.block BETWEEN 2 AND @maxblock
          AND (b.name = a.name OR similarity(a.name, b.name) >= @similarity)
        GROUP BY a.id, a.account_id, a.company
        UNION ALL
        SELECT id, account_id, company, name FROM dup_names WHERE block > @maxblock;
        INSERT INTO dup_found
        SELECT 'NameAndCompany', left(account_id::text || '|' || anchor || '|' || company, 400), id
        FROM (SELECT *, count(*) OVER (PARTITION BY account_id, company, anchor) AS n FROM dup_anchors) x WHERE n > 1;
        ANALYZE dup_found;

        -- Reconcile: new groups appear, groups found again keep their id and dismissal, the rest go (members cascade).
        -- Fresh statistics first: right after a first scan filled them, these tables still look empty to the planner.
        -- (No anti-join before the insert below: planned as a nested loop over a table the insert itself grows, it read
        -- every row inserted so far for each new group and never finished; ON CONFLICT probes the unique index instead.)
        ANALYZE lead_duplicate_groups;
        ANALYZE lead_duplicate_members;
        ANALYZE lead_cross_client_conflicts;
        INSERT INTO lead_duplicate_groups (id, reason, match_key, detected_at)
        SELECT gen_random_uuid(), reason, match_key, @now FROM (SELECT DISTINCT reason, match_key FROM dup_found) f
        ON CONFLICT (reason, match_key) DO NOTHING;
        DELETE FROM lead_duplicate_groups g
        WHERE NOT EXISTS (SELECT 1 FROM dup_found f WHERE f.reason = g.reason AND f.match_key = g.match_key);
        CREATE TEMP TABLE dup_members ON COMMIT DROP AS
        SELECT DISTINCT g.id AS group_id, f.lead_id, g.dismissed_at IS NOT NULL AS dismissed
        FROM dup_found f JOIN lead_duplicate_groups g ON g.reason = f.reason AND g.match_key = f.match_key;
        -- A dismissed group that gained a lead is a new question: it opens again.
        UPDATE lead_duplicate_groups g SET dismissed_at = NULL, dismissed_by_id = NULL
        WHERE g.id IN (SELECT d.group_id FROM dup_members d WHERE d.dismissed
            AND NOT EXISTS (SELECT 1 FROM lead_duplicate_members m WHERE m.group_id = d.group_id AND m.lead_id = d.lead_id));
        DELETE FROM lead_duplicate_members m
        WHERE NOT EXISTS (SELECT 1 FROM dup_members d WHERE d.group_id = m.group_id AND d.lead_id = m.lead_id);
        INSERT INTO lead_duplicate_members (group_id, lead_id) SELECT group_id, lead_id FROM dup_members ON CONFLICT DO NOTHING;

        -- Cross-client conflict: the company (SIREN or domain) is prospected for more than one account.
        CREATE TEMP TABLE dup_conflicts ON COMMIT DROP AS
        SELECT k.id FROM dup_keys k
        JOIN (SELECT siren FROM dup_keys WHERE siren IS NOT NULL GROUP BY siren HAVING count(DISTINCT account_id) > 1) s ON s.siren = k.siren
        UNION
        SELECT k.id FROM dup_keys k
        JOIN (SELECT domain FROM dup_keys WHERE domain IS NOT NULL GROUP BY domain HAVING count(DISTINCT account_id) > 1) d ON d.domain = k.domain;
        -- A key and statistics: without them the clearing below, planned on stale leads statistics that expect no flagged
        -- lead, probed this table by sequential scan once per flagged lead (minutes at 600,000 conflicts).
        ALTER TABLE dup_conflicts ADD PRIMARY KEY (id);
        ANALYZE dup_conflicts;
        DELETE FROM lead_cross_client_conflicts x WHERE NOT EXISTS (SELECT 1 FROM dup_conflicts c WHERE c.id = x.lead_id);
        INSERT INTO lead_cross_client_conflicts (lead_id) SELECT c.id FROM dup_conflicts c ON CONFLICT DO NOTHING;
        """;
}
