using Facturix.Domain.Leads;
using Facturix.Domain.Tasks;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        builder.ToTable("tasks");
        builder.Ignore(t => t.IsOpen);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Lead>().WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.Cascade);
        // "My open tasks by due date" is the query every task list runs.
        builder.HasIndex(t => new { t.AssigneeId, t.DueAt }).HasFilter("completed_at IS NULL");
        builder.HasIndex(t => t.LeadId);
        // The dashboard's "tasks done" per BD over a period (issue 16).
        builder.HasIndex(t => new { t.AssigneeId, t.CompletedAt }).HasFilter("completed_at IS NOT NULL")
            .HasDatabaseName("ix_tasks_assignee_completed");
    }
}
