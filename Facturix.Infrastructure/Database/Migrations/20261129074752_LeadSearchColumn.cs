using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class LeadSearchColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "leads",
                type: "text",
                nullable: true);

            // The folded search text becomes a column (docs/decisions/0044): the expression index made every search recheck
            // and every non-HOT update fold the text again through facturix_unaccent (never inlined, several calls per row).
            // Old index first, so the backfill does not maintain it; the trigger folds once per written row; then the index.
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_leads_search_trgm;
                CREATE OR REPLACE FUNCTION public.facturix_leads_fill_search_text() RETURNS trigger
                    LANGUAGE plpgsql
                    AS $$
                    BEGIN
                        NEW.search_text := public.facturix_lead_search_text(NEW.first_name, NEW.last_name, NEW.company, NEW.email, NEW.phone);
                        RETURN NEW;
                    END
                    $$;
                UPDATE leads SET search_text = public.facturix_lead_search_text(first_name, last_name, company, email, phone);
                CREATE TRIGGER leads_fill_search_text
                    BEFORE INSERT OR UPDATE OF first_name, last_name, company, email, phone, search_text ON leads
                    FOR EACH ROW EXECUTE FUNCTION public.facturix_leads_fill_search_text();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_leads_search_text_trgm",
                table: "leads",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leads_search_text_trgm",
                table: "leads");

            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS leads_fill_search_text ON leads;
                DROP FUNCTION IF EXISTS public.facturix_leads_fill_search_text();
                CREATE INDEX IF NOT EXISTS ix_leads_search_trgm ON leads
                    USING gin (public.facturix_lead_search_text(first_name, last_name, company, email, phone) gin_trgm_ops);
                """);

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "leads");
        }
    }
}
