using Facturix.Domain.Accounts;
using Facturix.Domain.Activities;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.Property(a => a.ExternalSource).HasMaxLength(32);
        builder.Property(a => a.ExternalId).HasMaxLength(128);
        builder.Property(a => a.RecordingUrl).HasMaxLength(1000);
        builder.HasOne<CampaignOutcome>().WithMany().HasForeignKey(a => a.CampaignOutcomeId).OnDelete(DeleteBehavior.SetNull);
        // Webhooks and mail sync replay events: the same external item is stored once.
        builder.HasIndex(a => new { a.ExternalSource, a.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        builder.HasOne<Lead>().WithMany().HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.SetNull);

        // Lead timeline, newest first.
        builder.HasIndex(a => new { a.LeadId, a.OccurredAt }).IsDescending(false, true);
        // Per-BD counts and trends over a time window.
        builder.HasIndex(a => new { a.UserId, a.OccurredAt });
        builder.HasIndex(a => new { a.CampaignId, a.OccurredAt });
        builder.HasIndex(a => new { a.AccountId, a.OccurredAt }).HasFilter("client_visible");
    }
}
