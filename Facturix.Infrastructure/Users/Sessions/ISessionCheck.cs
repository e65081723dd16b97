namespace Facturix.Infrastructure.Users.Sessions;

/// <summary>What an open circuit asks every minute: is my session still there, unexpired, for an active user?</summary>
public interface ISessionCheck
{
    /// <summary>True when the session is alive; counts as use (slides its idle expiry). Throws when the database does.</summary>
    Task<bool> IsAliveAsync(Guid sessionId, CancellationToken ct = default);
}
