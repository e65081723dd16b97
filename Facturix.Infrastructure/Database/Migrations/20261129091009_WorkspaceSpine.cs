using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class WorkspaceSpine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "has_cross_client_conflict",
                table: "leads");

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "leads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lead_cross_client_conflicts",
                columns: table => new
                {
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_cross_client_conflicts", x => x.lead_id);
                    table.ForeignKey(
                        name: "fk_lead_cross_client_conflicts_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lead_presences",
                columns: table => new
                {
                    circuit_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_presences", x => new { x.circuit_id, x.lead_id });
                    table.ForeignKey(
                        name: "fk_lead_presences_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lead_presences_leads_lead_id",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_lead_presences_lead_id",
                table: "lead_presences",
                column: "lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_lead_presences_user_id",
                table: "lead_presences",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lead_cross_client_conflicts");

            migrationBuilder.DropTable(
                name: "lead_presences");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "leads");

            migrationBuilder.AddColumn<bool>(
                name: "has_cross_client_conflict",
                table: "leads",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }
    }
}
