using System.Runtime.Versioning;
using System.Security.Cryptography;
using Npgsql;

namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// The role the app (migrations included) connects with: it owns the app's database, its public schema and every
/// object in it, but is no superuser and may create neither roles nor databases (ASVS V1.4 / V14: least privilege).
/// A SQL injection, or a leaked connection string, then reaches the app's data, not the server (no COPY TO PROGRAM,
/// no reading server files, no other database). The extensions the migrations need are created here, as the
/// superuser, so the role never needs that right.
/// </summary>
internal static class ClusterAppRole
{
    public const string Name = "facturix_app";

    /// <summary>The extensions the model declares (FacturixDb.OnModelCreating).</summary>
    private static readonly string[] Extensions = ["pg_trgm", "citext", "unaccent"];

    /// <summary>Reads (or, first time, generates into a 0600 file) the role's password.</summary>
    [UnsupportedOSPlatform("windows")]
    public static async Task<string> PasswordAsync(ClusterPaths paths, CancellationToken ct)
    {
        if (File.Exists(paths.AppPasswordFile))
        {
            var existing = (await File.ReadAllTextAsync(paths.AppPasswordFile, ct).ConfigureAwait(false)).Trim();
            if (existing.Length > 0)
                return existing;
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(paths.AppPasswordFile, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(password + "\n").ConfigureAwait(false);
        return password;
    }

    /// <summary>
    /// Idempotent, run at every start as the superuser: creates the role (or resets its password to the file's),
    /// gives it the database, creates the extensions, and hands it the schema and whatever a cluster made before the
    /// role existed left owned by the superuser.
    /// </summary>
    public static async Task EnsureAsync(string adminConnectionString, string databaseConnectionString, string database, string password, CancellationToken ct)
    {
        // The password is hex (generated here): safe to inline, and DDL takes no parameters.
        if (!password.All(char.IsAsciiHexDigit))
            throw new InvalidOperationException("The app role's password file must hold the generated hexadecimal password.");

        // Two databases set up at once (test classes, instances starting together) would update the same role row
        // concurrently, which PostgreSQL refuses ("tuple concurrently updated"): one at a time in this process, and
        // a short retry when another process does the same.
        await RoleUpdates.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await UpdateRoleAsync(adminConnectionString, database, password, ct).ConfigureAwait(false);
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InternalError && attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            RoleUpdates.Release();
        }

        await using var db = new NpgsqlConnection(databaseConnectionString);
        await db.OpenAsync(ct).ConfigureAwait(false);
        var extensions = string.Concat(Extensions.Select(e => $"CREATE EXTENSION IF NOT EXISTS {e};\n"));
        await ExecuteAsync(db, extensions + $"""
            ALTER SCHEMA public OWNER TO {Name};
            DO $$ DECLARE r record; BEGIN
                -- Tables (their indexes and owned sequences follow), views, then any sequence left.
                FOR r IN SELECT c.oid::regclass AS object, c.relkind FROM pg_class c
                         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                           AND c.relowner <> '{Name}'::regrole LOOP
                    EXECUTE format('ALTER %s %s OWNER TO {Name}',
                        CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.object);
                END LOOP;
                FOR r IN SELECT c.oid::regclass AS object FROM pg_class c
                         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> '{Name}'::regrole LOOP
                    EXECUTE format('ALTER SEQUENCE %s OWNER TO {Name}', r.object);
                END LOOP;
            END $$;
            """, ct).ConfigureAwait(false);
    }

    private static readonly SemaphoreSlim RoleUpdates = new(1, 1);

    private static async Task UpdateRoleAsync(string adminConnectionString, string database, string password, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(admin, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Name}') THEN
                    CREATE ROLE {Name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                END IF;
            EXCEPTION WHEN duplicate_object THEN NULL; -- another instance created it meanwhile
            END $$;
            ALTER ROLE {Name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}';
            ALTER DATABASE "{database.Replace("\"", "\"\"", StringComparison.Ordinal)}" OWNER TO {Name};
            """, ct).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
