using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>One goal per subject, metric and period, settled by the database (docs/decisions/0064).</summary>
    public partial class GoalsUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_goals_subject_kind_subject_id_period_start",
                table: "goals");

            // Duplicates saved by a race before this index existed: keep the oldest of each, so the index can be built.
            migrationBuilder.Sql("""
                DELETE FROM goals g
                USING goals older
                WHERE older.subject_kind = g.subject_kind AND older.subject_id = g.subject_id AND older.metric = g.metric
                  AND older.period_unit = g.period_unit AND older.period_start = g.period_start
                  AND (older.created_at, older.id) < (g.created_at, g.id);
                """);

            migrationBuilder.CreateIndex(
                name: "ux_goals_subject_metric_period",
                table: "goals",
                columns: new[] { "subject_kind", "subject_id", "metric", "period_unit", "period_start" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_goals_subject_metric_period",
                table: "goals");

            migrationBuilder.CreateIndex(
                name: "ix_goals_subject_kind_subject_id_period_start",
                table: "goals",
                columns: new[] { "subject_kind", "subject_id", "period_start" });
        }
    }
}
