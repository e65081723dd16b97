using Facturix.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.EntityType).HasMaxLength(50);
        builder.Property(e => e.Details).HasColumnType("jsonb");
        builder.Property(e => e.TargetLabel).HasMaxLength(200);
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt).IsDescending();
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        // The audit page filters by actor and by action, newest first.
        builder.HasIndex(e => new { e.ActorId, e.OccurredAt });
        builder.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}
