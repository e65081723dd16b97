using Facturix.Infrastructure.Users;
using Facturix.Infrastructure.Users.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Facturix.Infrastructure.Database.Configurations;

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> builder)
    {
        builder.ToTable("auth_sessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ClientIp).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(512);
        // Deleting a user deletes their sessions; "end all sessions of a user" is an index scan.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAt);
    }
}
