using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>Owner and campaign-status indexes hold only the leads that have one: an import writes neither (issue 15).</summary>
    public partial class LeadsSparseForeignKeyIndexesPartial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_campaign_status_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_owner_id",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_campaign_status_id",
                table: "leads",
                column: "campaign_status_id",
                filter: "campaign_status_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_owner_id",
                table: "leads",
                column: "owner_id",
                filter: "owner_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_campaign_status_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_owner_id",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_campaign_status_id",
                table: "leads",
                column: "campaign_status_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_owner_id",
                table: "leads",
                column: "owner_id");
        }
    }
}
