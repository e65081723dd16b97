using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Where the import job's current run began (docs/decisions/0084): the rate and time left measure from a resume, not
    /// from the first start. Imports already running have none and keep measuring from their start.
    /// </summary>
    public partial class ImportRunStart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "rows_read_at_run_start",
                table: "imports",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "run_started_at",
                table: "imports",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "rows_read_at_run_start",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "run_started_at",
                table: "imports");
        }
    }
}
