using Microsoft.AspNetCore.Identity;

namespace Facturix.Infrastructure.Users;

/// <summary>A staff member who signs in. Roles (Admin, Manager, BD) are Identity roles.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    /// <summary>"fr" or "en"; French unless the person chose English.</summary>
    public string Culture { get; set; } = "fr";
    public bool DarkMode { get; set; }
    /// <summary>IANA zone used to show times; the agency is in Paris.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when an admin deactivates the account: the person keeps their history but can do nothing.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
    /// <summary>The person's Aircall user id (their settings): dials go to their Aircall phone, their calls find their leads.</summary>
    public long? AircallUserId { get; set; }
    /// <summary>The dashboard's scope toggle and period as JSON (<see cref="Facturix.Domain.Dashboard.DashboardPreferences"/>); null until first changed.</summary>
    public string? DashboardPreferences { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) => NormalizedName = name.ToUpperInvariant();
}

/// <summary>One granted cell of the role → capability matrix (<see cref="Facturix.Domain.Users.Capability"/> key as text).</summary>
public sealed class RoleCapability
{
    public Guid RoleId { get; set; }
    public required string Capability { get; set; }
}
