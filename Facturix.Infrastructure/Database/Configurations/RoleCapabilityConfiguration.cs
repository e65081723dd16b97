using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class RoleCapabilityConfiguration : IEntityTypeConfiguration<RoleCapability>
{
    public void Configure(EntityTypeBuilder<RoleCapability> builder)
    {
        builder.ToTable("role_capabilities");
        builder.HasKey(rc => new { rc.RoleId, rc.Capability });
        builder.Property(rc => rc.Capability).HasMaxLength(64);
        builder.HasOne<AppRole>().WithMany().HasForeignKey(rc => rc.RoleId).OnDelete(DeleteBehavior.Cascade);
    }
}
