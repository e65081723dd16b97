using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Get Next's two partial indexes (docs/decisions/0045), raw SQL only: the EF model does not describe expression
    /// keys with DESC order, and these are read only by WorkspaceQueueSql's hand-written statement. Open leads only
    /// (closed statuses never come back), split by "has a callback", keyed in queue order, with the attempt count,
    /// lease and callback time as trailing keys so the scan passes over capped, held and not-yet-due leads inside the
    /// index. The predicates and expressions must stay those of WorkspaceQueueSql (a test checks the plan uses them).
    /// </summary>
    public partial class WorkspaceQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_leads_queue_callbacks ON leads (
                    campaign_id, priority DESC, score DESC, coalesce(last_contacted_at, '-infinity'::timestamptz), created_at, id,
                    next_call_at, call_attempts, coalesce(lock_expires_at, '-infinity'::timestamptz))
                WHERE next_call_at IS NOT NULL AND status NOT IN ('Converted', 'NotAFit', 'DoNotContact');

                CREATE INDEX ix_leads_queue_fresh ON leads (
                    campaign_id, priority DESC, score DESC, coalesce(last_contacted_at, '-infinity'::timestamptz), created_at, id,
                    call_attempts, coalesce(lock_expires_at, '-infinity'::timestamptz))
                WHERE next_call_at IS NULL AND status NOT IN ('Converted', 'NotAFit', 'DoNotContact');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_leads_queue_callbacks;
                DROP INDEX IF EXISTS ix_leads_queue_fresh;
                """);
        }
    }
}
