using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class LeadTools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "company_employees",
                table: "leads",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "has_cross_client_conflict",
                table: "leads",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "website",
                table: "leads",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "default_view_id",
                table: "campaigns",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "target_countries",
                table: "campaigns",
                type: "text[]",
                nullable: false,
                // Existing campaigns target no country (the model always writes the list, so only this migration needs it).
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "bulk_operations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bulk_operations", x => x.id);
                    table.ForeignKey(
                        name: "fk_bulk_operations_asp_net_users_requested_by_id",
                        column: x => x.requested_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_cleanup_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lead_count = table.Column<int>(type: "integer", nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    undone_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_cleanup_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_cleanup_batches_asp_net_users_actor_id",
                        column: x => x.actor_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lead_cleanup_batches_asp_net_users_undone_by_id",
                        column: x => x.undone_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "lead_duplicate_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    match_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dismissed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismissed_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_duplicate_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_duplicate_groups_asp_net_users_dismissed_by_id",
                        column: x => x.dismissed_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "lead_merges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_lead_snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    survivor_before = table.Column<string>(type: "jsonb", nullable: false),
                    moved_activity_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    moved_task_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    merged_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    undone_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_merges", x => x.id);
                    table.ForeignKey(
                        name: "fk_lead_merges_asp_net_users_merged_by_id",
                        column: x => x.merged_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lead_merges_asp_net_users_undone_by_id",
                        column: x => x.undone_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "saved_views",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    is_shared = table.Column<bool>(type: "boolean", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_views", x => x.id);
                    table.ForeignKey(
                        name: "fk_saved_views_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_duplicate_members",
                columns: table => new
                {
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_duplicate_members", x => new { x.group_id, x.lead_id });
                    table.ForeignKey(
                        name: "fk_lead_duplicate_members_lead_duplicate_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "lead_duplicate_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lead_duplicate_members_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_default_view_id",
                table: "campaigns",
                column: "default_view_id");

            migrationBuilder.CreateIndex(
                name: "ix_bulk_operations_requested_by_id_created_at",
                table: "bulk_operations",
                columns: new[] { "requested_by_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_cleanup_batches_actor_id_created_at",
                table: "lead_cleanup_batches",
                columns: new[] { "actor_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lead_cleanup_batches_undone_by_id",
                table: "lead_cleanup_batches",
                column: "undone_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_duplicate_groups_dismissed_by_id",
                table: "lead_duplicate_groups",
                column: "dismissed_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_duplicate_groups_reason_match_key",
                table: "lead_duplicate_groups",
                columns: new[] { "reason", "match_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lead_duplicate_members_lead_id",
                table: "lead_duplicate_members",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_merges_merged_by_id",
                table: "lead_merges",
                column: "merged_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_merges_merged_lead_id",
                table: "lead_merges",
                column: "merged_lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_merges_survivor_id",
                table: "lead_merges",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_merges_undone_by_id",
                table: "lead_merges",
                column: "undone_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_saved_views_is_shared",
                table: "saved_views",
                column: "is_shared",
                filter: "is_shared");

            migrationBuilder.CreateIndex(
                name: "ix_saved_views_owner_id_name",
                table: "saved_views",
                columns: new[] { "owner_id", "name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_campaigns_saved_views_default_view_id",
                table: "campaigns",
                column: "default_view_id",
                principalTable: "saved_views",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_campaigns_saved_views_default_view_id",
                table: "campaigns");

            migrationBuilder.DropTable(
                name: "bulk_operations");

            migrationBuilder.DropTable(
                name: "lead_cleanup_batches");

            migrationBuilder.DropTable(
                name: "lead_duplicate_members");

            migrationBuilder.DropTable(
                name: "lead_merges");

            migrationBuilder.DropTable(
                name: "saved_views");

            migrationBuilder.DropTable(
                name: "lead_duplicate_groups");

            migrationBuilder.DropIndex(
                name: "ix_campaigns_default_view_id",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "company_employees",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "has_cross_client_conflict",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "website",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "default_view_id",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "target_countries",
                table: "campaigns");
        }
    }
}
