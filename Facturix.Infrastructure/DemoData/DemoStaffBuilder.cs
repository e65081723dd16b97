using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;

namespace Facturix.Infrastructure.DemoData;

/// <summary>The agency's staff of <see cref="DemoCatalog.Staff"/>: one admin, one manager and the BDs.</summary>
internal sealed class DemoStaffBuilder(DemoGenerationContext context)
{
    private readonly Random _random = context.Random;

    public void CreateUsers()
    {
        var createdAt = context.Now - context.History * 2.4;
        for (var i = 0; i < DemoCatalog.Staff.Length; i++)
        {
            var staff = DemoCatalog.Staff[i];
            var at = createdAt.AddMinutes(i * 7);
            var user = new AppUser
            {
                Id = DemoIdentifiers.UuidV7(at, _random),
                DisplayName = staff.DisplayName,
                UserName = staff.Email,
                NormalizedUserName = staff.Email.ToUpperInvariant(),
                Email = staff.Email,
                NormalizedEmail = staff.Email.ToUpperInvariant(),
                EmailConfirmed = true,
                // Not derived from the seed: stamps guard cookies and tokens, they must not be predictable.
                SecurityStamp = Guid.NewGuid().ToString(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                Culture = "fr",
                TimeZone = "Europe/Paris",
                CreatedAt = at,
            };
            context.Set.Users.Add(new DemoUser(user, staff.Role));
            switch (staff.Role)
            {
                case Roles.Admin: context.Admin = user; break;
                case Roles.Manager: context.Manager = user; break;
                default: context.Bds.Add(user); break;
            }
        }
    }
}
