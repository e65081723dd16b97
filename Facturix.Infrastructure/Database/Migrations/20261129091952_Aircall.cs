using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Facturix.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class Aircall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "aircall_user_id",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "aircall_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    call_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(64)", maxLength: 64, nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aircall_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "aircall_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    api_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    api_token_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    webhook_token_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aircall_settings", x => x.id);
                    table.ForeignKey(
                        name: "fk_aircall_settings_asp_net_users_updated_by_id",
                        column: x => x.updated_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_aircall_user_id",
                table: "AspNetUsers",
                column: "aircall_user_id",
                unique: true,
                filter: "aircall_user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_aircall_events_call_id_event",
                table: "aircall_events",
                columns: new[] { "call_id", "event" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aircall_events_unprocessed",
                table: "aircall_events",
                column: "call_id",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_aircall_settings_updated_by_id",
                table: "aircall_settings",
                column: "updated_by_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aircall_events");

            migrationBuilder.DropTable(
                name: "aircall_settings");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_aircall_user_id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "aircall_user_id",
                table: "AspNetUsers");
        }
    }
}
