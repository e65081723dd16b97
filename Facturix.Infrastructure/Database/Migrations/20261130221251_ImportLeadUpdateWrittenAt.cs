using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>
    /// When an import wrote each lead it updated (docs/decisions/0086): a lead changed after that (by a later import or a
    /// person) is no longer the import's to revert. Rows written before the column have none; revert falls back on the
    /// import's end for them.
    /// </summary>
    public partial class ImportLeadUpdateWrittenAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "written_at",
                table: "import_lead_updates",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "written_at",
                table: "import_lead_updates");
        }
    }
}
