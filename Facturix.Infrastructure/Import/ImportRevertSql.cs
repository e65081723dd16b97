namespace Facturix.Infrastructure.Import;

/// <summary>
/// The set-wise SQL of a revert (docs/decisions/0086). Parameters: @id (the import), @now, @since (its first start),
/// @finished (its end), and for the company keys @freemail, @freeprefix, @social.
/// </summary>
internal static class ImportRevertSql
{
    /// <summary>
    /// Someone's work on its leads: on a lead it created, any activity or task (a revert deletes the lead and would take
    /// them with it); on a lead it updated, activity or a task since it started (done on the values it wrote); on
    /// either, a hold (someone has it open).
    /// </summary>
    public const string HasActivity = """
        SELECT EXISTS (SELECT 1 FROM leads l WHERE l.import_id = @id
                       AND (l.lock_expires_at > @now
                            OR EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id)
                            OR EXISTS (SELECT 1 FROM tasks t WHERE t.lead_id = l.id)))
            OR EXISTS (SELECT 1 FROM import_lead_updates u JOIN leads l ON l.id = u.lead_id WHERE u.import_id = @id
                       AND (l.lock_expires_at > @now
                            OR EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id AND a.occurred_at >= @since)
                            OR EXISTS (SELECT 1 FROM tasks t WHERE t.lead_id = l.id AND t.created_at >= @since)))
        """;

    /// <summary>
    /// Another import updated one of its leads after it: any update of a lead it created, or an update of a lead it
    /// updated written later (by the write times, or for rows older than them by the <c>updated_at</c> each one found).
    /// Reverting that import first gives the lead back as this one left it.
    /// </summary>
    public const string HasLaterImport = """
        SELECT EXISTS (SELECT 1 FROM leads l JOIN import_lead_updates o ON o.lead_id = l.id AND o.import_id <> @id WHERE l.import_id = @id)
            OR EXISTS (SELECT 1 FROM import_lead_updates u JOIN import_lead_updates o ON o.lead_id = u.lead_id AND o.import_id <> u.import_id
                       WHERE u.import_id = @id
                         AND CASE WHEN u.written_at IS NOT NULL AND o.written_at IS NOT NULL THEN o.written_at > u.written_at
                                  ELSE (o.before->>'updated_at')::timestamptz > (u.before->>'updated_at')::timestamptz END)
        """;

    /// <summary>
    /// Any other change since it wrote them (an edit, a bulk change): <c>updated_at</c> moved past the import's write
    /// (its creation for a created lead; for updates written before written_at existed, the import's end).
    /// </summary>
    public const string ChangedSince = """
        SELECT EXISTS (SELECT 1 FROM leads l WHERE l.import_id = @id AND l.updated_at > l.created_at)
            OR EXISTS (SELECT 1 FROM import_lead_updates u JOIN leads l ON l.id = u.lead_id WHERE u.import_id = @id
                       AND l.updated_at > coalesce(u.written_at, @finished))
        """;

    /// <summary>
    /// The updated leads get their values from before the import, <c>updated_at</c> included: the lead is as it was, and
    /// an earlier import of the same lead finds it unchanged since its own write (so "revert the later one first" works).
    /// </summary>
    public const string Restore = """
        UPDATE leads l SET
            first_name = b.before->>'first_name', last_name = b.before->>'last_name', job_title = b.before->>'job_title',
            company = coalesce(b.before->>'company', l.company), email = b.before->>'email', phone = b.before->>'phone',
            country = coalesce(b.before->>'country', l.country), time_zone = b.before->>'time_zone', city = b.before->>'city',
            siren = b.before->>'siren', source = b.before->>'source', website = b.before->>'website',
            company_employees = (b.before->>'company_employees')::int,
            custom_fields = CASE WHEN jsonb_typeof(b.before->'custom_fields') = 'object' THEN b.before->'custom_fields' END,
            score = coalesce((b.before->>'score')::int, l.score),
            updated_at = coalesce((b.before->>'updated_at')::timestamptz, @now)
        FROM import_lead_updates b WHERE b.import_id = @id AND l.id = b.lead_id
        """;

    /// <summary>
    /// A lead's company keys, as the duplicate scan reads them (DuplicateScanner): "s:" and its SIREN (nine digits once
    /// white space is removed), "d:" and its domain (the website's host unless a social network's page, else the e-mail's,
    /// without "www." nor free-mail providers). Zero to two rows per lead <c>l</c>.
    /// </summary>
    private const string Keys = """
        (SELECT 's:' || s.siren AS key FROM (SELECT translate(l.siren, E' \t\n\r\f\v', '') AS siren) s WHERE s.siren ~ '^[0-9]{9}$'
         UNION ALL
         SELECT 'd:' || d.domain FROM (
             SELECT CASE WHEN w.host ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$' AND w.host <> ALL(@freemail) AND w.host !~ @freeprefix AND w.host !~ @social THEN w.host
                         WHEN m.host ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$' AND m.host <> ALL(@freemail) AND m.host !~ @freeprefix THEN m.host END AS domain
             FROM (SELECT regexp_replace(rtrim(regexp_replace(regexp_replace(lower(btrim(l.website)),
                       '^[a-z][a-z0-9+.-]*://', ''), '[/?#:@].*$', ''), '.'), '^www\.', '') AS host) w,
                  (SELECT regexp_replace(split_part(CASE WHEN lower(btrim(l.email)) ~ '^[^@]+@[^@]+$' THEN lower(btrim(l.email)) END, '@', 2),
                       '^www\.', '') AS host) m) d
         WHERE d.domain IS NOT NULL)
        """;

    /// <summary>Before the revert: the company keys its leads hold now, what the cross-client flags it raised came from.</summary>
    public const string RememberKeys = $"""
        CREATE TEMP TABLE revert_keys (key text PRIMARY KEY) ON COMMIT DROP;
        INSERT INTO revert_keys
        SELECT k.key FROM leads l CROSS JOIN LATERAL {Keys} k WHERE l.import_id = @id
        UNION
        SELECT k.key FROM import_lead_updates u JOIN leads l ON l.id = u.lead_id CROSS JOIN LATERAL {Keys} k WHERE u.import_id = @id;
        """;

    /// <summary>
    /// After the revert, the flags to reconsider: flagged leads holding one of those keys, or one of the restored leads
    /// (whose keys are back to their old ones), each with all its keys; and which accounts hold each of those keys now
    /// (one pass over the leads, the keys computed as the scan does: a revert is rare, a key index would cost every write).
    /// </summary>
    public const string GatherFlags = $"""
        CREATE TEMP TABLE revert_flagged ON COMMIT DROP AS
        SELECT l.id, l.account_id, k.key
        FROM lead_cross_client_conflicts f JOIN leads l ON l.id = f.lead_id LEFT JOIN LATERAL {Keys} k ON true;
        CREATE TEMP TABLE revert_candidates ON COMMIT DROP AS
        SELECT r.id, r.account_id, r.key FROM revert_flagged r
        WHERE r.id IN (SELECT x.id FROM revert_flagged x JOIN revert_keys k ON k.key = x.key
                       UNION SELECT u.lead_id FROM import_lead_updates u WHERE u.import_id = @id);
        CREATE TEMP TABLE revert_holders ON COMMIT DROP AS
        SELECT DISTINCT k.key, l.account_id FROM leads l CROSS JOIN LATERAL {Keys} k
        WHERE k.key IN (SELECT c.key FROM revert_candidates c WHERE c.key IS NOT NULL);
        """;

    /// <summary>A reconsidered flag stays only if one of its lead's keys is held by another account (the scan's rule).</summary>
    public const string ClearFlags = """
        DELETE FROM lead_cross_client_conflicts f
        WHERE f.lead_id IN (SELECT c.id FROM revert_candidates c)
          AND NOT EXISTS (SELECT 1 FROM revert_candidates c JOIN revert_holders h ON h.key = c.key AND h.account_id <> c.account_id
                          WHERE c.id = f.lead_id)
        """;
}
