namespace Facturix.Infrastructure.Users.Sessions;

public static class SessionClaims
{
    /// <summary>
    /// The session's id, added to the principal when the ticket is read from the store, so an open circuit (which
    /// only has the principal) can ask whether its session still exists.
    /// </summary>
    public const string SessionId = "facturix:sid";
}
