using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>
    /// The typo dictionary's words (decision 0054) found set-wise: an INSERT of leads (an import batch of 25,000) used to
    /// call the set-returning facturix_search_words once per lead, a regular-expression split each time, about 0.45 s of a
    /// 2.3 s batch (docs/benchmarks.md). The rule is now two inlinable functions (the tokens of a search text, and which
    /// tokens are words), and the statement trigger splits every new text in one pass, keeps the distinct tokens (a batch
    /// repeats the same first names and companies) and tests only those: about 0.15 s for the same batch. Same words
    /// as before, except that a no-break space now separates words as other white space does (the search box's words
    /// split on it already). An import's transaction sets facturix.defer_search_words and writes its words itself, after
    /// the previous batch committed (decision 0066).
    /// </summary>
    public partial class LeadSearchWordsSetWise : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION facturix_search_tokens(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
                    $$ SELECT string_to_array(translate($1, E'\t\n\r\x0b\f\u00a0', '      '), ' ') $$;
                CREATE FUNCTION facturix_is_search_word(text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
                    $$ SELECT length($1) BETWEEN 3 AND 40 AND $1 !~ '[^[:alpha:]-]' $$;

                CREATE OR REPLACE FUNCTION facturix_search_words(text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
                    $$ SELECT DISTINCT w FROM unnest(facturix_search_tokens($1)) w WHERE facturix_is_search_word(w) $$;

                CREATE OR REPLACE FUNCTION facturix_remember_inserted_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- An import inserts its batch's words itself, once the previous batch committed (ImportSql.RememberSearchWords).
                    IF current_setting('facturix.defer_search_words', true) = 'on' THEN RETURN NULL; END IF;
                    INSERT INTO lead_search_words (word)
                    SELECT t.w FROM (SELECT DISTINCT w FROM fresh f CROSS JOIN LATERAL unnest(facturix_search_tokens(f.search_text)) w) t
                    WHERE facturix_is_search_word(t.w)
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION facturix_remember_inserted_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO lead_search_words (word)
                    SELECT DISTINCT w FROM fresh f CROSS JOIN LATERAL facturix_search_words(f.search_text) w
                    ON CONFLICT DO NOTHING;
                    RETURN NULL;
                END $$;

                CREATE OR REPLACE FUNCTION facturix_search_words(text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
                    $$ SELECT DISTINCT w FROM regexp_split_to_table($1, '\s+') w WHERE length(w) BETWEEN 3 AND 40 AND w !~ '[^[:alpha:]-]' $$;

                DROP FUNCTION facturix_is_search_word(text);
                DROP FUNCTION facturix_search_tokens(text);
                """);
        }
    }
}
