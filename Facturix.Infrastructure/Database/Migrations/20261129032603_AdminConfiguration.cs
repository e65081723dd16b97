using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class AdminConfiguration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<string>(
                name: "client_ip",
                table: "audit_events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "target_label",
                table: "audit_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);


            migrationBuilder.CreateTable(
                name: "campaign_objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    objection = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    answer = table.Column<string>(type: "text", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_objections_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_action_occurred_at",
                table: "audit_events",
                columns: new[] { "action", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_id_occurred_at",
                table: "audit_events",
                columns: new[] { "actor_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_objections_campaign_id_sort_order",
                table: "campaign_objections",
                columns: new[] { "campaign_id", "sort_order" });
            // The accounts list searches names with ILIKE '%term%' (trigram index, pg_trgm is created with the cluster).
            migrationBuilder.Sql("CREATE INDEX ix_accounts_name_trgm ON accounts USING gin (name gin_trgm_ops);");

            // Audit events are append-only (backlog 2.7.5): whatever the application or a leaked connection tries,
            // the table refuses to change or remove a row. TRUNCATE (test resets, a DBA's deliberate purge) stays possible.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only ON audit_events; DROP FUNCTION audit_events_refuse_change();");
            migrationBuilder.Sql("DROP INDEX ix_accounts_name_trgm;");

            migrationBuilder.DropTable(
                name: "campaign_objections");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_action_occurred_at",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_actor_id_occurred_at",
                table: "audit_events");


            migrationBuilder.DropColumn(
                name: "client_ip",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "target_label",
                table: "audit_events");

        }
    }
}
