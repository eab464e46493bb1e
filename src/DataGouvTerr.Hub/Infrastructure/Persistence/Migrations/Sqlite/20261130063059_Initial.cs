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
            migrationBuilder.CreateTable(
                name: "gbfs_feeds",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    DiscoveryUrl = table.Column<string>(type: "TEXT", nullable: true),
                    Version = table.Column<string>(type: "TEXT", nullable: true),
                    SystemName = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LastPolledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastIngestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastVehiclesAvailable = table.Column<int>(type: "INTEGER", nullable: true),
                    SnapshotHash = table.Column<string>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_feeds", x => x.FeedId);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_files",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    ETag = table.Column<string>(type: "TEXT", nullable: true),
                    LastModified = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFetchedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TtlSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_files", x => new { x.FeedId, x.FileName });
                });

            migrationBuilder.CreateTable(
                name: "gbfs_geofencing_zones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Area = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AreaMaxX = table.Column<double>(type: "REAL", nullable: true),
                    AreaMaxY = table.Column<double>(type: "REAL", nullable: true),
                    AreaMinX = table.Column<double>(type: "REAL", nullable: true),
                    AreaMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_geofencing_zones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_incidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    PolledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", nullable: true),
                    Field = table.Column<string>(type: "TEXT", nullable: true),
                    Value = table.Column<string>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_raw_files",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    FetchedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_raw_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_station_availability",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    StationId = table.Column<string>(type: "TEXT", nullable: false),
                    BinStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ObservedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VehiclesAvailable = table.Column<int>(type: "INTEGER", nullable: false),
                    DocksAvailable = table.Column<int>(type: "INTEGER", nullable: false),
                    VehiclesDisabled = table.Column<int>(type: "INTEGER", nullable: false),
                    DocksDisabled = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_station_availability", x => new { x.FeedId, x.BinStart, x.StationId });
                });

            migrationBuilder.CreateTable(
                name: "gbfs_stations",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    StationId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Location = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    IsVirtual = table.Column<bool>(type: "INTEGER", nullable: false),
                    LocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_stations", x => new { x.FeedId, x.StationId });
                });

            migrationBuilder.CreateTable(
                name: "gbfs_zone_availability",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    ZoningId = table.Column<string>(type: "TEXT", nullable: false),
                    ZoneCode = table.Column<string>(type: "TEXT", nullable: false),
                    BinStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ObservedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VehiclesAvailable = table.Column<int>(type: "INTEGER", nullable: false),
                    DocksAvailable = table.Column<int>(type: "INTEGER", nullable: false),
                    VehiclesDisabled = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_zone_availability", x => new { x.FeedId, x.BinStart, x.ZoningId, x.ZoneCode });
                });

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_geofencing_zones_AreaMinX_AreaMinY",
                table: "gbfs_geofencing_zones",
                columns: new[] { "AreaMinX", "AreaMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_geofencing_zones_FeedId",
                table: "gbfs_geofencing_zones",
                column: "FeedId");

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_incidents_FeedId_StartedAt",
                table: "gbfs_incidents",
                columns: new[] { "FeedId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_notices_FeedId",
                table: "gbfs_notices",
                column: "FeedId");

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_raw_files_FeedId_FetchedAt",
                table: "gbfs_raw_files",
                columns: new[] { "FeedId", "FetchedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_stations_LocationMinX_LocationMinY",
                table: "gbfs_stations",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_zone_availability_ZoningId_BinStart",
                table: "gbfs_zone_availability",
                columns: new[] { "ZoningId", "BinStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gbfs_feeds");

            migrationBuilder.DropTable(
                name: "gbfs_files");

            migrationBuilder.DropTable(
                name: "gbfs_geofencing_zones");

            migrationBuilder.DropTable(
                name: "gbfs_incidents");

            migrationBuilder.DropTable(
                name: "gbfs_notices");

            migrationBuilder.DropTable(
                name: "gbfs_raw_files");

            migrationBuilder.DropTable(
                name: "gbfs_station_availability");

            migrationBuilder.DropTable(
                name: "gbfs_stations");

            migrationBuilder.DropTable(
                name: "gbfs_zone_availability");
        }
    }
}
