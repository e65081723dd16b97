using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class DashboardSpine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "dashboard_preferences",
                table: "AspNetUsers",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "activity_daily",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    calls = table.Column<int>(type: "integer", nullable: false),
                    contacts = table.Column<int>(type: "integer", nullable: false),
                    meetings = table.Column<int>(type: "integer", nullable: false),
                    emails_sent = table.Column<int>(type: "integer", nullable: false),
                    conversions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_daily", x => new { x.day, x.campaign_id, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    metric = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    period_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    target = table.Column<int>(type: "integer", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => x.id);
                    table.CheckConstraint("ck_goals_target_positive", "target > 0");
                    table.ForeignKey(
                        name: "fk_goals_asp_net_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activity_daily_campaign_id_day",
                table: "activity_daily",
                columns: new[] { "campaign_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_daily_user_id_day",
                table: "activity_daily",
                columns: new[] { "user_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_goals_created_by_id",
                table: "goals",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_goals_period_start",
                table: "goals",
                column: "period_start");

            migrationBuilder.CreateIndex(
                name: "ix_goals_subject_kind_subject_id_period_start",
                table: "goals",
                columns: new[] { "subject_kind", "subject_id", "period_start" });

            // The rollup is kept exact by the writes themselves (decision 0062), then filled from the history.
            migrationBuilder.Sql(Facturix.Infrastructure.Dashboard.ActivityDailySql.CreateTriggers);
            migrationBuilder.Sql(Facturix.Infrastructure.Dashboard.ActivityDailySql.Rebuild);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Facturix.Infrastructure.Dashboard.ActivityDailySql.DropTriggers);
            migrationBuilder.DropTable(
                name: "activity_daily");

            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropColumn(
                name: "dashboard_preferences",
                table: "AspNetUsers");
        }
    }
}
