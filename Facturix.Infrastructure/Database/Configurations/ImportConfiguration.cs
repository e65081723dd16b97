using Facturix.Domain.Campaigns;
using Facturix.Domain.Import;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class LeadImportConfiguration : IEntityTypeConfiguration<LeadImport>
{
    public void Configure(EntityTypeBuilder<LeadImport> builder)
    {
        builder.ToTable("imports");
        builder.Property(i => i.Version).IsRowVersion();
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.StoredPath).HasMaxLength(1000);
        builder.Property(i => i.Settings).HasColumnType("jsonb");
        builder.Property(i => i.Error).HasMaxLength(200);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(i => i.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.RevertedById).OnDelete(DeleteBehavior.SetNull);
        // The import list: per campaign, newest first.
        builder.HasIndex(i => new { i.CampaignId, i.CreatedAt });
    }
}

internal sealed class ImportRejectConfiguration : IEntityTypeConfiguration<ImportReject>
{
    public void Configure(EntityTypeBuilder<ImportReject> builder)
    {
        builder.ToTable("import_rejects");
        builder.HasKey(r => new { r.ImportId, r.LineNumber });
        builder.Property(r => r.Reason).HasMaxLength(100);
        builder.HasOne<LeadImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportLeadUpdateConfiguration : IEntityTypeConfiguration<ImportLeadUpdate>
{
    public void Configure(EntityTypeBuilder<ImportLeadUpdate> builder)
    {
        builder.ToTable("import_lead_updates");
        builder.HasKey(u => new { u.ImportId, u.LeadId });
        builder.Property(u => u.Before).HasColumnType("jsonb");
        builder.HasOne<LeadImport>().WithMany().HasForeignKey(u => u.ImportId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to leads (like the duplicate tables, docs/decisions/0053): a lead deleted since is simply not restored.
    }
}

internal sealed class ImportMappingTemplateConfiguration : IEntityTypeConfiguration<ImportMappingTemplate>
{
    public void Configure(EntityTypeBuilder<ImportMappingTemplate> builder)
    {
        builder.ToTable("import_mappings");
        builder.HasKey(m => new { m.AccountId, m.HeaderSignature });
        builder.Property(m => m.HeaderSignature).HasMaxLength(4000);
        builder.Property(m => m.Mapping).HasColumnType("jsonb");
        builder.HasOne<Facturix.Domain.Accounts.Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UpdatedById).OnDelete(DeleteBehavior.Cascade);
    }
}
