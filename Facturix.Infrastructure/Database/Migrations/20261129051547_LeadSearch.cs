using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class LeadSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:citext", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:citext", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_leads_created_at",
                table: "leads",
                column: "created_at");

            // The quick search's folding functions and the trigram index over their expression (docs/decisions/0032).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public.facturix_unaccent(text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
                CREATE OR REPLACE FUNCTION public.facturix_lead_search_text(text, text, text, text, text) RETURNS text
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    AS $$ SELECT public.facturix_unaccent(coalesce($1, '') || ' ' || coalesce($2, '') || ' ' || coalesce($3, '') || ' '
                        || coalesce($4, '') || ' ' || coalesce($5, '')) $$;
                CREATE INDEX IF NOT EXISTS ix_leads_search_trgm ON leads
                    USING gin (public.facturix_lead_search_text(first_name, last_name, company, email, phone) gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_leads_search_trgm;
                DROP FUNCTION IF EXISTS public.facturix_lead_search_text(text, text, text, text, text);
                DROP FUNCTION IF EXISTS public.facturix_unaccent(text);
                """);

            migrationBuilder.DropIndex(
                name: "ix_leads_created_at",
                table: "leads");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:citext", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:citext", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");
        }
    }
}
