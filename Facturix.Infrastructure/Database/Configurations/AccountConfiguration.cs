using Facturix.Domain.Accounts;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Industry).HasMaxLength(100);
        builder.Property(a => a.Website).HasMaxLength(300);
        builder.Property(a => a.Siren).HasMaxLength(9).IsFixedLength();
        builder.Property(a => a.City).HasMaxLength(100);
        builder.Property(a => a.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(a => a.ClientContactName).HasMaxLength(200);
        builder.Property(a => a.ClientContactEmail).HasMaxLength(254);
        builder.Property(a => a.ClientContactPhone).HasMaxLength(20);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => a.OwnerId);
        builder.HasIndex(a => a.Name);
        builder.HasIndex(a => a.ArchivedAt);
        builder.Property(a => a.Version).IsRowVersion();
        // The accounts list searches names with ILIKE '%term%': a trigram index keeps it fast at 10,000 accounts.
        builder.HasIndex(a => a.Name, "ix_accounts_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class AccountAssignmentConfiguration : IEntityTypeConfiguration<AccountAssignment>
{
    public void Configure(EntityTypeBuilder<AccountAssignment> builder)
    {
        builder.ToTable("account_assignments");
        builder.HasKey(a => new { a.AccountId, a.UserId });
        builder.HasIndex(a => a.UserId);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
