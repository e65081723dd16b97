using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads.Views;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.State).HasColumnName("status");
        builder.Property(c => c.Objective).HasMaxLength(200);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.TargetCountries).HasColumnType("text[]");
        builder.HasOne<SavedView>().WithMany().HasForeignKey(c => c.DefaultViewId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.AccountId, c.State });
        builder.HasIndex(c => c.State);
    }
}

internal sealed class CampaignAssignmentConfiguration : IEntityTypeConfiguration<CampaignAssignment>
{
    public void Configure(EntityTypeBuilder<CampaignAssignment> builder)
    {
        builder.ToTable("campaign_assignments");
        builder.HasKey(a => new { a.CampaignId, a.UserId });
        // A BD's scope is "campaigns where I am assigned": looked up by user on every scoped query.
        builder.HasIndex(a => a.UserId);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignStatusConfiguration : IEntityTypeConfiguration<CampaignStatus>
{
    public void Configure(EntityTypeBuilder<CampaignStatus> builder)
    {
        builder.ToTable("campaign_statuses");
        builder.Ignore(s => s.Category);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Label).HasMaxLength(100);
        builder.Property(s => s.Color).HasMaxLength(16);
        builder.HasIndex(s => new { s.CampaignId, s.Key }).IsUnique();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignOutcomeConfiguration : IEntityTypeConfiguration<CampaignOutcome>
{
    public void Configure(EntityTypeBuilder<CampaignOutcome> builder)
    {
        builder.ToTable("campaign_outcomes", table =>
            table.HasCheckConstraint("ck_campaign_outcomes_hotkey", "hotkey IS NULL OR hotkey BETWEEN 1 AND 9"));
        builder.Property(o => o.Key).HasMaxLength(64);
        builder.Property(o => o.Label).HasMaxLength(100);
        builder.Property(o => o.TargetStatus).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(o => new { o.CampaignId, o.Key }).IsUnique();
        // One digit, one outcome, per campaign.
        builder.HasIndex(o => new { o.CampaignId, o.Hotkey }).IsUnique().HasFilter("hotkey IS NOT NULL");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignStatus>().WithMany().HasForeignKey(o => o.TargetCampaignStatusId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CampaignObjectionConfiguration : IEntityTypeConfiguration<CampaignObjection>
{
    public void Configure(EntityTypeBuilder<CampaignObjection> builder)
    {
        builder.ToTable("campaign_objections");
        builder.Property(o => o.Objection).HasMaxLength(300);
        builder.HasIndex(o => new { o.CampaignId, o.SortOrder });
        builder.HasOne<Campaign>().WithMany().HasForeignKey(o => o.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
