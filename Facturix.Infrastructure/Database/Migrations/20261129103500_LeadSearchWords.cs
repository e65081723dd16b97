using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>
    /// The quick search's typo dictionary (docs/decisions/0054): every distinct folded word of the leads' search text
    /// (letters only, 3 to 40 characters) under a trigram index. A typed word a typo away is first matched against these
    /// words (a small table), then the leads are searched for the words found, as typed, on the leads' trigram index.
    /// Kept by triggers: one set-based insert per INSERT or COPY statement, and per lead whose search text changed.
    /// Words are never removed: a word no lead holds any more only costs an index probe that finds nothing.
    /// </summary>
    public partial class LeadSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE lead_search_words (word text PRIMARY KEY);
                CREATE INDEX ix_lead_search_words_trgm ON lead_search_words USING gin (word gin_trgm_ops);

                CREATE FUNCTION facturix_search_words(text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
                    $$ SELECT DISTINCT w FROM regexp_split_to_table($1, '\s+') w WHERE length(w) BETWEEN 3 AND 40 AND w !~ '[^[:alpha:]-]' $$;

                CREATE FUNCTION facturix_remember_inserted_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO lead_search_words (word)
                    SELECT DISTINCT w FROM fresh f CROSS JOIN LATERAL facturix_search_words(f.search_text) w
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER leads_remember_inserted_words AFTER INSERT ON leads REFERENCING NEW TABLE AS fresh
                    FOR EACH STATEMENT EXECUTE FUNCTION facturix_remember_inserted_words();

                CREATE FUNCTION facturix_remember_updated_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO lead_search_words (word) SELECT w FROM facturix_search_words(NEW.search_text) w ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                -- Row level with a WHEN: a lock, a status or a score change (most updates) never runs the function.
                CREATE TRIGGER leads_remember_updated_words AFTER UPDATE ON leads
                    FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
                    EXECUTE FUNCTION facturix_remember_updated_words();

                INSERT INTO lead_search_words (word)
                SELECT DISTINCT w FROM leads l CROSS JOIN LATERAL facturix_search_words(l.search_text) w
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER leads_remember_updated_words ON leads;
                DROP TRIGGER leads_remember_inserted_words ON leads;
                DROP FUNCTION facturix_remember_updated_words();
                DROP FUNCTION facturix_remember_inserted_words();
                DROP FUNCTION facturix_search_words(text);
                DROP TABLE lead_search_words;
                """);
        }
    }
}
