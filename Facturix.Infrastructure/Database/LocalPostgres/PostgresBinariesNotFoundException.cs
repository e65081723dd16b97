namespace Facturix.Infrastructure.Database.LocalPostgres;

/// <summary>
/// No connection string was given and no PostgreSQL server binaries were found to start a local cluster.
/// The message names the three ways out.
/// </summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException()
        : this(searched: "on PATH or under /usr/lib/postgresql/*/bin")
    {
    }

    public PostgresBinariesNotFoundException(string searched)
        : base(BuildMessage(searched))
    {
        Searched = searched;
    }

    public PostgresBinariesNotFoundException(string searched, Exception innerException)
        : base(BuildMessage(searched), innerException)
    {
        Searched = searched;
    }

    /// <summary>Where the binaries were looked for.</summary>
    public string Searched { get; }

    private static string BuildMessage(string searched) =>
        "Facturix has no database: no connection string is set, and the PostgreSQL server programs " +
        $"(initdb, pg_ctl, postgres) needed to start a local one were not found {searched}. Do one of these: " +
        "(1) install PostgreSQL, e.g. `sudo apt-get install postgresql` (the app then starts and keeps its own local cluster); " +
        "(2) start the bundled container with `docker compose up -d postgres`; " +
        "(3) point the app at an existing server by setting the connection string `ConnectionStrings__Facturix` " +
        "(environment variable; `ConnectionStrings:Facturix` in appsettings), e.g. " +
        "`ConnectionStrings__Facturix=\"Host=localhost;Port=5432;Database=facturix;Username=facturix;Password=...\"`.";
}
