using Facturix.Domain.Leads;
using Facturix.Domain.Leads.Bulk;
using Facturix.Domain.Leads.Cleanup;
using Facturix.Domain.Leads.Duplicates;
using Facturix.Domain.Leads.Views;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("saved_views");
        builder.Property(v => v.Name).HasMaxLength(80);
        builder.Property(v => v.Definition).HasColumnType("jsonb");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // One name per person: the chips are told apart by name.
        builder.HasIndex(v => new { v.OwnerId, v.Name }).IsUnique();
        builder.HasIndex(v => v.IsShared).HasFilter("is_shared");
    }
}

internal sealed class LeadDuplicateGroupConfiguration : IEntityTypeConfiguration<LeadDuplicateGroup>
{
    public void Configure(EntityTypeBuilder<LeadDuplicateGroup> builder)
    {
        builder.ToTable("lead_duplicate_groups");
        builder.Property(g => g.MatchKey).HasMaxLength(400);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.DismissedById).OnDelete(DeleteBehavior.SetNull);
        // A rescan finds the same group again by reason and key (and so keeps a dismissal).
        builder.HasIndex(g => new { g.Reason, g.MatchKey }).IsUnique();
    }
}

internal sealed class LeadDuplicateMemberConfiguration : IEntityTypeConfiguration<LeadDuplicateMember>
{
    public void Configure(EntityTypeBuilder<LeadDuplicateMember> builder)
    {
        builder.ToTable("lead_duplicate_members");
        builder.HasKey(m => new { m.GroupId, m.LeadId });
        builder.HasIndex(m => m.LeadId);
        builder.HasOne<LeadDuplicateGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to leads (docs/decisions/0053): checking one locks the lead row, and a scan inserting ~800,000
        // memberships spent most of its time locking leads. The trigger leads_forget_deleted removes a deleted lead's rows.
    }
}

internal sealed class LeadMergeConfiguration : IEntityTypeConfiguration<LeadMerge>
{
    public void Configure(EntityTypeBuilder<LeadMerge> builder)
    {
        builder.ToTable("lead_merges");
        builder.Property(m => m.MergedLeadSnapshot).HasColumnType("jsonb");
        builder.Property(m => m.SurvivorBefore).HasColumnType("jsonb");
        // No foreign keys to leads: the merged lead is deleted by the merge and the record must outlive both.
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedLeadId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.MergedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UndoneById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class LeadCleanupBatchConfiguration : IEntityTypeConfiguration<LeadCleanupBatch>
{
    public void Configure(EntityTypeBuilder<LeadCleanupBatch> builder)
    {
        builder.ToTable("lead_cleanup_batches");
        builder.Property(b => b.Changes).HasColumnType("jsonb");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(b => b.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(b => b.UndoneById).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(b => new { b.ActorId, b.CreatedAt });
    }
}

internal sealed class BulkOperationConfiguration : IEntityTypeConfiguration<BulkOperation>
{
    public void Configure(EntityTypeBuilder<BulkOperation> builder)
    {
        builder.ToTable("bulk_operations");
        builder.Property(o => o.Kind).HasMaxLength(32);
        builder.Property(o => o.Parameters).HasColumnType("jsonb");
        builder.Property(o => o.Error).HasMaxLength(2000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.RequestedById).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.RequestedById, o.CreatedAt });
    }
}

internal sealed class LeadCrossClientConflictConfiguration : IEntityTypeConfiguration<LeadCrossClientConflict>
{
    public void Configure(EntityTypeBuilder<LeadCrossClientConflict> builder)
    {
        builder.ToTable("lead_cross_client_conflicts");
        builder.HasKey(c => c.LeadId);
        // No foreign key to leads, like lead_duplicate_members (docs/decisions/0053); the trigger leads_forget_deleted cleans up.
    }
}
