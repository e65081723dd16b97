using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.Ignore(l => l.DisplayName);
        builder.Property(l => l.Version).IsRowVersion();
        builder.Property(l => l.FirstName).HasMaxLength(100);
        builder.Property(l => l.LastName).HasMaxLength(100);
        builder.Property(l => l.JobTitle).HasMaxLength(150);
        builder.Property(l => l.Company).HasMaxLength(200);
        builder.Property(l => l.Email).HasMaxLength(254);
        builder.Property(l => l.TimeZone).HasMaxLength(64);
        builder.Property(l => l.Phone).HasMaxLength(20);
        builder.Property(l => l.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(l => l.City).HasMaxLength(100);
        builder.Property(l => l.Siren).HasMaxLength(9).IsFixedLength();
        builder.Property(l => l.Source).HasMaxLength(100);
        builder.Property(l => l.Website).HasMaxLength(300);
        builder.Property(l => l.CustomFields).HasColumnType("jsonb");
        // No foreign key to imports: deleting an import's history must not touch leads; revert removes them by this id.
        builder.HasIndex(l => l.ImportId).HasFilter("import_id IS NOT NULL");

        builder.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CampaignStatus>().WithMany().HasForeignKey(l => l.CampaignStatusId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.LockedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.SetNull);

        // Get Next reads the partial indexes ix_leads_queue_fresh / ix_leads_queue_callbacks (migration WorkspaceQueueIndex,
        // docs/decisions/0045); the first sketch of its index (campaign, status, lock expiry, next call) was dropped unused.
        // KPI counts by status within a campaign, and conversion.
        // The dashboard's funnel counts a campaign's leads by stage and campaign status from this index alone (decision 0064).
        builder.HasIndex(l => new { l.CampaignId, l.Status }).HasDatabaseName("ix_leads_campaign_status").IncludeProperties(l => l.CampaignStatusId);
        builder.HasIndex(l => l.AccountId);
        // Owner and campaign status are empty on most leads (an import writes neither): partial indexes hold only the leads
        // that have one, which is all an equality lookup or a cascade needs, and cost nothing to the rows written without.
        builder.HasIndex(l => l.OwnerId).HasFilter("owner_id IS NOT NULL");
        builder.HasIndex(l => l.CampaignStatusId).HasFilter("campaign_status_id IS NOT NULL");
        // Lists sorted by "last activity" within a campaign.
        builder.HasIndex(l => new { l.CampaignId, l.LastActivityAt });
        builder.HasIndex(l => l.LockedById).HasFilter("locked_by_id IS NOT NULL");
        // The leads list's default order (newest first) without sorting the whole scope (docs/decisions/0033).
        builder.HasIndex(l => l.CreatedAt).HasDatabaseName("ix_leads_created_at");
        builder.HasIndex(l => l.Email);
        builder.HasIndex(l => l.Phone);
        // An import matches each row within the campaign by email, phone or SIREN (docs/decisions/0057): probed per row.
        builder.HasIndex(l => l.Siren).HasFilter("siren IS NOT NULL");

        // The quick search's folded text, written only by the trigger of the LeadSearchColumn migration (docs/decisions/0044):
        // a shadow property the app never sends (EF leaves it out of INSERT and UPDATE, COPY skips it), with its trigram index.
        builder.Property<string?>(Facturix.Infrastructure.Leads.LeadSearchSql.SearchTextProperty)
            .HasColumnName(Facturix.Infrastructure.Leads.LeadSearchSql.SearchTextColumn)
            .HasColumnType("text")
            .ValueGeneratedOnAddOrUpdate();
        builder.HasIndex(Facturix.Infrastructure.Leads.LeadSearchSql.SearchTextProperty)
            .HasDatabaseName(Facturix.Infrastructure.Leads.LeadSearchSql.IndexName)
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
    }
}
