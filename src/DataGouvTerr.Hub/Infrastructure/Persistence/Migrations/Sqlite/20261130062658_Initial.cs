using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataGouvTerr.Hub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AtUnixMs",
                table: "audit_log",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "obligation_status",
                columns: table => new
                {
                    ObligationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    BreachedSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_obligation_status", x => x.ObligationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_AtUnixMs",
                table: "audit_log",
                column: "AtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_obligation_status_MemberId",
                table: "obligation_status",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "obligation_status");

            migrationBuilder.DropIndex(
                name: "IX_audit_log_AtUnixMs",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "AtUnixMs",
                table: "audit_log");
        }
    }
}
