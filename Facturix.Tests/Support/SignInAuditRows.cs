using System.Text.Json;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Support;

/// <summary>An audit row of sign-in, with its <c>details</c> read out and its client address (the row's own column).</summary>
public sealed record SignInAuditRow(string Action, Guid? ActorId, Guid? EntityId, string? Email, string? Ip, string? UserAgent);

public static class SignInAuditRows
{
    /// <summary>The app's sign-in audit rows (actions "signin.*" and "signout"), oldest first.</summary>
    public static async Task<IReadOnlyList<SignInAuditRow>> SignInAuditAsync(this AppServer app)
    {
        await using var db = FacturixDbOptions.CreateContext(app.ConnectionString);
        var rows = await db.AuditEvents
            .Where(e => e.Action.StartsWith("signin.") || e.Action == "signout")
            .OrderBy(e => e.Id)
            .ToListAsync();
        return rows.Select(e =>
        {
            using var details = JsonDocument.Parse(e.Details ?? "{}");
            string? Read(string name) => details.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new SignInAuditRow(e.Action, e.ActorId, e.EntityId, Read("email"), e.ClientIp, Read("userAgent"));
        }).ToList();
    }
}
