using Facturix.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <summary>Quartz's persistent job store lives in the app's database, so jobs survive restarts and run once across instances.</summary>
    public partial class QuartzJobStore : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(QuartzSchema.CreateSql);

        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(QuartzSchema.DropSql);
    }
}
