namespace Facturix.Infrastructure.Import;

/// <summary>The set-wise SQL of an import batch (docs/decisions/0057). Parameters: @import, @campaign, @account, @policy, @now.</summary>
internal static class ImportSql
{
    /// <summary>The staging table of one batch: the normalized rows, COPYed in binary; gone at the batch's commit.</summary>
    public const string CreateStage = """
        CREATE TEMP TABLE import_stage (
            ord int NOT NULL, id uuid NOT NULL, first_name text, last_name text, job_title text, company text NOT NULL,
            email text, phone text, country text NOT NULL, country_given boolean NOT NULL, city text, siren character(9), website text,
            domain text, company_employees int, source text, custom_fields jsonb, time_zone text, score int NOT NULL
        ) ON COMMIT DROP
        """;

    public const string CopyStage = """
        COPY import_stage (ord, id, first_name, last_name, job_title, company, email, phone, country, country_given, city, siren,
            website, domain, company_employees, source, custom_fields, time_zone, score) FROM STDIN (FORMAT BINARY)
        """;

    public const string CopyRejects = "COPY import_rejects (import_id, line_number, reason, values) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Each staged row's match among the campaign's leads (email first, then E.164 phone, then SIREN), whether that lead came
    /// from this import (an earlier row of the file) or was already updated by it, and the decision: new, update or dup.
    /// Two rows of the batch matching the same lead: the first updates it, the next is a duplicate. The staged rows are
    /// analyzed for their count and the columns this statement and the next ones join or filter on: the other fifteen
    /// columns' statistics guided no plan and took most of the ANALYZE (about 0.25 s a batch of 25,000 rows).
    /// </summary>
    public const string Decide = """
        ANALYZE import_stage (ord, email, phone, siren, domain);
        CREATE TEMP TABLE import_decision ON COMMIT DROP AS
        WITH m AS (
            SELECT DISTINCT ON (s.ord) s.ord, x.id AS lead_id,
                   x.import_id IS NOT DISTINCT FROM @import
                   OR EXISTS (SELECT 1 FROM import_lead_updates u WHERE u.import_id = @import AND u.lead_id = x.id) AS own
            FROM import_stage s
            CROSS JOIN LATERAL (
                (SELECT l.id, l.import_id, l.campaign_id, 1 AS pri FROM leads l WHERE s.email IS NOT NULL AND l.email = s.email OFFSET 0)
                UNION ALL
                (SELECT l.id, l.import_id, l.campaign_id, 2 FROM leads l WHERE s.phone IS NOT NULL AND l.phone = s.phone OFFSET 0)
                UNION ALL
                (SELECT l.id, l.import_id, l.campaign_id, 3 FROM leads l WHERE s.siren IS NOT NULL AND l.siren = s.siren OFFSET 0)
            ) x
            -- The campaign is checked outside the arms (OFFSET 0 keeps it there): inside, a planner with stale statistics
            -- of a growing leads table probed ix_leads_campaign_status and read the whole campaign once per row.
            WHERE x.campaign_id = @campaign AND @policy <> 'CreateAnyway'
            ORDER BY s.ord, x.pri, x.id
        )
        SELECT s.ord, m.lead_id,
               CASE WHEN m.lead_id IS NULL THEN 'new'
                    WHEN m.own OR @policy = 'Skip' THEN 'dup'
                    WHEN row_number() OVER (PARTITION BY m.lead_id ORDER BY s.ord) = 1 THEN 'update'
                    ELSE 'dup' END AS decision
        FROM import_stage s LEFT JOIN m ON m.ord = s.ord;
        """;

    public const string InsertNew = """
        INSERT INTO leads (id, campaign_id, account_id, status, score, first_name, last_name, job_title, company, email, phone,
            country, time_zone, city, siren, source, website, company_employees, custom_fields, import_id, priority, call_attempts,
            created_at, updated_at)
        SELECT s.id, @campaign, @account, 'New', s.score, s.first_name, s.last_name, s.job_title, s.company, s.email, s.phone,
            s.country, s.time_zone, s.city, s.siren, s.source, s.website, s.company_employees, s.custom_fields, @import, 0, 0,
            @now, @now
        FROM import_stage s JOIN import_decision d ON d.ord = s.ord
        WHERE d.decision = 'new'
        ORDER BY s.ord
        """;

    /// <summary>The columns an update may change, saved before it in import_lead_updates so a revert can put them back.</summary>
    public const string Update = """
        WITH u AS (
            SELECT d.lead_id, s.* FROM import_decision d JOIN import_stage s ON s.ord = d.ord WHERE d.decision = 'update'
        ), saved AS (
            INSERT INTO import_lead_updates (import_id, lead_id, written_at, before)
            SELECT @import, l.id, @now, jsonb_build_object(
                'first_name', l.first_name, 'last_name', l.last_name, 'job_title', l.job_title, 'company', l.company,
                'email', l.email, 'phone', l.phone, 'country', l.country, 'time_zone', l.time_zone, 'city', l.city,
                'siren', l.siren, 'source', l.source, 'website', l.website, 'company_employees', l.company_employees,
                'custom_fields', l.custom_fields, 'score', l.score, 'updated_at', l.updated_at)
            FROM leads l JOIN u ON u.lead_id = l.id
            ON CONFLICT DO NOTHING
        )
        UPDATE leads l SET
            first_name = coalesce(u.first_name, l.first_name), last_name = coalesce(u.last_name, l.last_name),
            job_title = coalesce(u.job_title, l.job_title), company = coalesce(nullif(u.company, ''), l.company),
            email = coalesce(u.email, l.email), phone = coalesce(u.phone, l.phone),
            country = CASE WHEN u.country_given THEN u.country ELSE l.country END,
            city = coalesce(u.city, l.city), siren = coalesce(u.siren, l.siren), source = coalesce(u.source, l.source),
            website = coalesce(u.website, l.website), company_employees = coalesce(u.company_employees, l.company_employees),
            custom_fields = CASE WHEN u.custom_fields IS NULL THEN l.custom_fields
                                 ELSE coalesce(l.custom_fields, '{}'::jsonb) || u.custom_fields END,
            updated_at = @now
        FROM u WHERE l.id = u.lead_id
        RETURNING l.id
        """;

    /// <summary>
    /// Created or updated leads whose company (SIREN or domain) is prospected for another client: flagged like the
    /// duplicate scan does (lead_cross_client_conflicts), against the keys gathered once per run in import_foreign_keys.
    /// </summary>
    public const string FlagCrossClient = """
        INSERT INTO lead_cross_client_conflicts (lead_id)
        SELECT coalesce(d.lead_id, s.id)
        FROM import_stage s JOIN import_decision d ON d.ord = s.ord
        WHERE d.decision IN ('new', 'update')
          AND ((s.siren IS NOT NULL AND EXISTS (SELECT 1 FROM import_foreign_keys k WHERE k.key = 's:' || s.siren))
            OR (s.domain IS NOT NULL AND EXISTS (SELECT 1 FROM import_foreign_keys k WHERE k.key = 'd:' || s.domain)))
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// The typo dictionary's words of the batch's new leads (decision 0054), which the leads' insert trigger leaves to the
    /// import (facturix.defer_search_words), gathered before the wait for the previous batch, without the words the
    /// dictionary already holds. The leads' search text is "first last company email phone" folded; an imported email
    /// (validated: one token with an at sign) and phone (E.164: a plus and digits) never hold a word, so the words are
    /// those of the folded first names, last names and companies. Folding is letter by letter, so the words of the folded
    /// "first last company" are those of each folded value: each distinct value is folded once rather than each row
    /// (25,000 rows in SQL: 185 ms with the three values folded together per distinct row, 40 ms apart).
    /// </summary>
    public const string GatherSearchWords = """
        CREATE TEMP TABLE import_words ON COMMIT DROP AS
        WITH new_rows AS MATERIALIZED (
            SELECT s.first_name, s.last_name, s.company FROM import_stage s JOIN import_decision d ON d.ord = s.ord AND d.decision = 'new')
        SELECT t.w FROM (
            SELECT DISTINCT w
            FROM (SELECT s.first_name AS v FROM new_rows s UNION SELECT s.last_name FROM new_rows s UNION SELECT s.company FROM new_rows s) n
            CROSS JOIN LATERAL unnest(facturix_search_tokens(facturix_unaccent(n.v))) w
        ) t
        WHERE facturix_is_search_word(t.w) AND NOT EXISTS (SELECT 1 FROM lead_search_words k WHERE k.word = t.w)
        """;

    /// <summary>The batch's new words, written once the previous batch committed: two writers never wait on each other's words.</summary>
    public const string RememberSearchWords = "INSERT INTO lead_search_words (word) SELECT w FROM import_words ON CONFLICT DO NOTHING";

    public const string Counts = "SELECT decision, count(*) FROM import_decision GROUP BY decision";

    /// <summary>
    /// The SIRENs and company domains prospected for other accounts, computed once per run (the same domain rules as the
    /// duplicate scan: website unless a social network's page, else the email's, without "www." nor free-mail providers).
    /// A session temp table: it lives as long as the job's connection.
    /// </summary>
    public const string ForeignKeys = """
        DROP TABLE IF EXISTS import_foreign_keys;
        CREATE TEMP TABLE import_foreign_keys (key text PRIMARY KEY);
        INSERT INTO import_foreign_keys
        SELECT DISTINCT k FROM (
            SELECT 's:' || translate(l.siren, E' \t', '') AS k FROM leads l WHERE l.account_id <> @account AND l.siren IS NOT NULL
            UNION ALL
            SELECT 'd:' || coalesce(
                CASE WHEN w.host ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$' AND w.host <> ALL(@freemail) AND w.host !~ @freeprefix AND w.host !~ @social THEN w.host END,
                CASE WHEN m.host ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$' AND m.host <> ALL(@freemail) AND m.host !~ @freeprefix THEN m.host END)
            FROM leads l
            CROSS JOIN LATERAL (SELECT regexp_replace(rtrim(regexp_replace(regexp_replace(lower(btrim(l.website)),
                '^[a-z][a-z0-9+.-]*://', ''), '[/?#:@].*$', ''), '.'), '^www\.', '') AS host) w
            CROSS JOIN LATERAL (SELECT regexp_replace(split_part(lower(btrim(l.email)), '@', 2), '^www\.', '') AS host) m
            WHERE l.account_id <> @account AND (l.website IS NOT NULL OR l.email IS NOT NULL)
        ) x WHERE k IS NOT NULL;
        ANALYZE import_foreign_keys;
        """;
}
