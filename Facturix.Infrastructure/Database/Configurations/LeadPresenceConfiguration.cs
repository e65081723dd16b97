using Facturix.Domain.Leads;
using Facturix.Domain.Workspace;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class LeadPresenceConfiguration : IEntityTypeConfiguration<LeadPresenceEntry>
{
    public void Configure(EntityTypeBuilder<LeadPresenceEntry> builder)
    {
        builder.ToTable("lead_presences");
        // One row per circuit and lead: a person with two tabs on the lead is two rows, and closing one keeps the other.
        builder.HasKey(p => new { p.CircuitId, p.LeadId });
        builder.Property(p => p.CircuitId).HasMaxLength(100);
        builder.HasIndex(p => p.LeadId);
        builder.HasOne<Lead>().WithMany().HasForeignKey(p => p.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
