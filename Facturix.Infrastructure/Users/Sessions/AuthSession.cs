namespace Facturix.Infrastructure.Users.Sessions;

/// <summary>
/// One signed-in browser: the authentication ticket lives here (protected with Data Protection), the cookie only
/// carries <see cref="Id"/>. Deleting the row signs that browser out, whatever copy of the cookie exists.
/// </summary>
public sealed class AuthSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The serialized ticket, protected: a database reader cannot forge or read a principal from it.</summary>
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>Sliding: moves with use (requests, open circuits), never past <see cref="AbsoluteExpiresAt"/>.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Fixed at sign-in: after it the person signs in again, however active they are.</summary>
    public DateTimeOffset AbsoluteExpiresAt { get; set; }
    public string? ClientIp { get; set; }
    public string? UserAgent { get; set; }
}
