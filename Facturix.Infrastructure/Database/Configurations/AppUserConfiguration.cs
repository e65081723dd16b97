using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DashboardPreferences).HasColumnType("jsonb");
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Culture).HasMaxLength(8);
        builder.Property(u => u.TimeZone).HasMaxLength(64);
        // A webhook names the Aircall user: it must lead to one person.
        builder.HasIndex(u => u.AircallUserId).IsUnique().HasFilter("aircall_user_id IS NOT NULL");
    }
}
