using Facturix.Domain.Activities;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Leads;

namespace Facturix.Infrastructure.Dashboard;

/// <summary>
/// What each column of <see cref="ActivityDailyRollup"/> counts, as SQL over <c>activities a</c> left-joined to
/// <c>campaign_outcomes co</c>, and the statements that keep the rollup exact (docs/decisions/0062). The migration
/// installs <see cref="CreateTriggers"/>; the rebuild reuses <see cref="Aggregate"/>. A test proves each column equals
/// a plain count over <c>activities</c>: change the rule here and there together.
/// </summary>
internal static class ActivityDailySql
{
    public const string Calls = $"a.kind = '{nameof(ActivityKind.Call)}'";

    /// <summary>A call whose campaign outcome counts as contact; a call with no campaign outcome (Aircall, typed in) by its quick outcome.</summary>
    public const string Contacts = $"a.kind = '{nameof(ActivityKind.Call)}' AND COALESCE(co.counts_as_contact, a.outcome IN "
        + $"('{nameof(CallOutcome.Interested)}', '{nameof(CallOutcome.NotAFit)}', '{nameof(CallOutcome.MeetingBooked)}', '{nameof(CallOutcome.CallBack)}'))";

    public const string Meetings = $"a.kind = '{nameof(ActivityKind.Call)}' AND a.outcome = '{nameof(CallOutcome.MeetingBooked)}'";

    /// <summary>Emails that went out (an email with no direction was typed in by a person, so it went out).</summary>
    public const string EmailsSent = $"a.kind = '{nameof(ActivityKind.Email)}' AND a.direction IS DISTINCT FROM '{nameof(CallDirection.Inbound)}'";

    public const string Conversions = $"a.kind = '{nameof(ActivityKind.Status)}' AND a.status_to = '{nameof(LeadStatus.Converted)}'";

    public const string Day = $"(a.occurred_at AT TIME ZONE '{AgencyDays.TimeZoneId}')::date";

    private const string NoOne = "'00000000-0000-0000-0000-000000000000'::uuid";

    /// <summary>Per (day, campaign, user) sums over the activity rows of <paramref name="source"/>, each multiplied by <paramref name="sign"/>.</summary>
    public static string Aggregate(string source, int sign = 1) => $"""
        SELECT {Day} AS day, COALESCE(a.campaign_id, {NoOne}) AS campaign_id, COALESCE(a.user_id, {NoOne}) AS user_id,
               {sign} * count(*) FILTER (WHERE {Calls}) AS calls,
               {sign} * count(*) FILTER (WHERE {Contacts}) AS contacts,
               {sign} * count(*) FILTER (WHERE {Meetings}) AS meetings,
               {sign} * count(*) FILTER (WHERE {EmailsSent}) AS emails_sent,
               {sign} * count(*) FILTER (WHERE {Conversions}) AS conversions
        FROM {source} a
        LEFT JOIN campaign_outcomes co ON co.id = a.campaign_outcome_id
        WHERE a.kind IN ('{nameof(ActivityKind.Call)}', '{nameof(ActivityKind.Email)}', '{nameof(ActivityKind.Status)}')
        GROUP BY 1, 2, 3
        """;

    /// <summary>Adds the sums of <paramref name="source"/> to the rollup; ordered so concurrent writers lock rollup rows in one order.</summary>
    private static string Upsert(string source, int sign) => $"""
        INSERT INTO activity_daily AS d (day, campaign_id, user_id, calls, contacts, meetings, emails_sent, conversions)
        SELECT * FROM ({Aggregate(source, sign)}) s ORDER BY day, campaign_id, user_id
        ON CONFLICT (day, campaign_id, user_id) DO UPDATE SET
            calls = d.calls + excluded.calls, contacts = d.contacts + excluded.contacts, meetings = d.meetings + excluded.meetings,
            emails_sent = d.emails_sent + excluded.emails_sent, conversions = d.conversions + excluded.conversions;
        """;

    /// <summary>
    /// One statement trigger per event (PostgreSQL allows transition tables on single-event triggers only) sharing one
    /// function: a statement inserting a thousand activities costs one grouped upsert, not a thousand.
    /// </summary>
    public static readonly string CreateTriggers = $"""
        CREATE OR REPLACE FUNCTION activity_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                {Upsert("old_rows", -1)}
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {Upsert("new_rows", 1)}
            END IF;
            RETURN NULL;
        END
        $fn$;
        CREATE TRIGGER activity_daily_insert AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION activity_daily_apply();
        CREATE TRIGGER activity_daily_update AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION activity_daily_apply();
        CREATE TRIGGER activity_daily_delete AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION activity_daily_apply();
        """;

    public const string DropTriggers = """
        DROP TRIGGER IF EXISTS activity_daily_insert ON activities;
        DROP TRIGGER IF EXISTS activity_daily_update ON activities;
        DROP TRIGGER IF EXISTS activity_daily_delete ON activities;
        DROP FUNCTION IF EXISTS activity_daily_apply();
        """;

    /// <summary>Recomputes the whole rollup from <c>activities</c> (the migration's backfill; a rebuild after a campaign outcome's "counts as contact" changes).</summary>
    public static readonly string Rebuild = $"""
        DELETE FROM activity_daily;
        INSERT INTO activity_daily (day, campaign_id, user_id, calls, contacts, meetings, emails_sent, conversions)
        {Aggregate("activities")};
        """;

    /// <summary>
    /// Recomputes one campaign's rows (<c>@campaign</c>), after its outcomes' "counts as contact" changed: run in the
    /// transaction of that change. The SHARE lock waits for writers of <c>activities</c> in flight and holds new ones
    /// back until commit, so no trigger adds to a row between the recount and its write.
    /// </summary>
    public static readonly string RebuildCampaign = $"""
        LOCK TABLE activities IN SHARE MODE;
        DELETE FROM activity_daily WHERE campaign_id = @campaign;
        INSERT INTO activity_daily (day, campaign_id, user_id, calls, contacts, meetings, emails_sent, conversions)
        {Aggregate("(SELECT * FROM activities WHERE campaign_id = @campaign)")};
        """;
}
