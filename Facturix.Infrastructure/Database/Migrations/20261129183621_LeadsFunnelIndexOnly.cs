using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>The dashboard funnel's per-campaign count reads (campaign, stage, campaign status) from one index (docs/decisions/0064).</summary>
    public partial class LeadsFunnelIndexOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_campaign_status",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_campaign_status",
                table: "leads",
                columns: new[] { "campaign_id", "status" })
                .Annotation("Npgsql:IndexInclude", new[] { "campaign_status_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_campaign_status",
                table: "leads");

            migrationBuilder.CreateIndex(
                name: "ix_leads_campaign_status",
                table: "leads",
                columns: new[] { "campaign_id", "status" });
        }
    }
}
