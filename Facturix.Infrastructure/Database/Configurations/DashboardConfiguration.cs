using Facturix.Domain.Dashboard.Goals;
using Facturix.Infrastructure.Dashboard;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class ActivityDailyRollupConfiguration : IEntityTypeConfiguration<ActivityDailyRollup>
{
    public void Configure(EntityTypeBuilder<ActivityDailyRollup> builder)
    {
        builder.ToTable("activity_daily");
        builder.HasKey(r => new { r.Day, r.CampaignId, r.UserId });
        // A BD's own figures read by user first; the key already serves campaign-wide and agency-wide sums by day.
        builder.HasIndex(r => new { r.UserId, r.Day });
        builder.HasIndex(r => new { r.CampaignId, r.Day });
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.ToTable("goals");
        builder.Property(g => g.SubjectKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Metric).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.PeriodUnit).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Version).IsRowVersion();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.CreatedById).OnDelete(DeleteBehavior.SetNull);
        // One goal per subject, metric and period (GoalService checks first, for a clear error; this settles races).
        // Its (subject_kind, subject_id) prefix serves the lookups by subject.
        builder.HasIndex(g => new { g.SubjectKind, g.SubjectId, g.Metric, g.PeriodUnit, g.PeriodStart })
            .IsUnique().HasDatabaseName(Dashboard.Goals.GoalService.UniqueIndex);
        builder.HasIndex(g => g.PeriodStart);
        builder.ToTable(t => t.HasCheckConstraint("ck_goals_target_positive", "target > 0"));
    }
}
