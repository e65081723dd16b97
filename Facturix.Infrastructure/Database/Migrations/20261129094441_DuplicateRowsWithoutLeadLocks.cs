using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateRowsWithoutLeadLocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_lead_cross_client_conflicts_leads_lead_id",
                table: "lead_cross_client_conflicts");

            migrationBuilder.DropForeignKey(
                name: "fk_lead_duplicate_members_leads_lead_id",
                table: "lead_duplicate_members");

            // What the two cascades did, once per DELETE statement instead of a row lock per inserted row (decision 0053).
            migrationBuilder.Sql("""
                CREATE FUNCTION facturix_forget_deleted_leads() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM lead_duplicate_members m USING gone g WHERE m.lead_id = g.id;
                    DELETE FROM lead_cross_client_conflicts c USING gone g WHERE c.lead_id = g.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER leads_forget_deleted AFTER DELETE ON leads REFERENCING OLD TABLE AS gone
                    FOR EACH STATEMENT EXECUTE FUNCTION facturix_forget_deleted_leads();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER leads_forget_deleted ON leads;
                DROP FUNCTION facturix_forget_deleted_leads();
                DELETE FROM lead_duplicate_members m WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = m.lead_id);
                DELETE FROM lead_cross_client_conflicts c WHERE NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = c.lead_id);
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_lead_cross_client_conflicts_leads_lead_id",
                table: "lead_cross_client_conflicts",
                column: "lead_id",
                principalTable: "leads",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_lead_duplicate_members_leads_lead_id",
                table: "lead_duplicate_members",
                column: "lead_id",
                principalTable: "leads",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
