using Facturix.Domain.Calls;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class AircallEventConfiguration : IEntityTypeConfiguration<AircallEvent>
{
    public void Configure(EntityTypeBuilder<AircallEvent> builder)
    {
        builder.ToTable("aircall_events");
        builder.Property(e => e.Event).HasMaxLength(64);
        // At-least-once delivery: a replay of the same (call, event) updates the one row (AircallWebhookIngest's upsert).
        builder.HasIndex(e => new { e.CallId, e.Event }).IsUnique();
        // What the worker picks up again after a restart.
        builder.HasIndex(e => e.CallId).HasFilter("processed_at IS NULL").HasDatabaseName("ix_aircall_events_unprocessed");
    }
}

internal sealed class AircallSettingsConfiguration : IEntityTypeConfiguration<AircallSettings>
{
    public void Configure(EntityTypeBuilder<AircallSettings> builder)
    {
        builder.ToTable("aircall_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ApiId).HasMaxLength(AircallSettingsInputValidator.MaxLength);
        builder.Property(s => s.ApiTokenProtected).HasMaxLength(2000);
        builder.Property(s => s.WebhookTokenProtected).HasMaxLength(2000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UpdatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
