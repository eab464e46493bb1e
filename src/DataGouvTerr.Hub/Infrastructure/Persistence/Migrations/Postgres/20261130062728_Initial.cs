using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataGouvTerr.Hub.Infrastructure.Persistence.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "obligation_status",
                columns: table => new
                {
                    ObligationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MemberId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    BreachedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Detail = table.Column<string>(type: "text", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
