using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DataGouvTerr.Hub.Infrastructure.Persistence.Migrations.Postgres
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
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    DiscoveryUrl = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<string>(type: "text", nullable: true),
                    SystemName = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LastPolledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastIngestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastVehiclesAvailable = table.Column<int>(type: "integer", nullable: true),
                    SnapshotHash = table.Column<string>(type: "text", nullable: true),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_feeds", x => x.FeedId);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_files",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "text", nullable: false),
                    ETag = table.Column<string>(type: "text", nullable: true),
                    LastModified = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFetchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TtlSeconds = table.Column<int>(type: "integer", nullable: false),
                    LastUpdated = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_files", x => new { x.FeedId, x.FileName });
                });

            migrationBuilder.CreateTable(
                name: "gbfs_geofencing_zones",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    Area = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_geofencing_zones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_incidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    PolledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Code = table.Column<string>(type: "text", nullable: false),
                    Severity = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    Path = table.Column<string>(type: "text", nullable: true),
                    Field = table.Column<string>(type: "text", nullable: true),
                    Value = table.Column<string>(type: "text", nullable: true),
                    Message = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_raw_files",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    FetchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_raw_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gbfs_station_availability",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    StationId = table.Column<string>(type: "text", nullable: false),
                    BinStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ObservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VehiclesAvailable = table.Column<int>(type: "integer", nullable: false),
                    DocksAvailable = table.Column<int>(type: "integer", nullable: false),
                    VehiclesDisabled = table.Column<int>(type: "integer", nullable: false),
                    DocksDisabled = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_station_availability", x => new { x.FeedId, x.BinStart, x.StationId });
                });

            migrationBuilder.CreateTable(
                name: "gbfs_stations",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    StationId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    Location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: true),
                    IsVirtual = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_stations", x => new { x.FeedId, x.StationId });
                });

            migrationBuilder.CreateTable(
                name: "gbfs_zone_availability",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "text", nullable: false),
                    ZoningId = table.Column<string>(type: "text", nullable: false),
                    ZoneCode = table.Column<string>(type: "text", nullable: false),
                    BinStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ObservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VehiclesAvailable = table.Column<int>(type: "integer", nullable: false),
                    DocksAvailable = table.Column<int>(type: "integer", nullable: false),
                    VehiclesDisabled = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gbfs_zone_availability", x => new { x.FeedId, x.BinStart, x.ZoningId, x.ZoneCode });
                });

            migrationBuilder.CreateIndex(
                name: "IX_gbfs_geofencing_zones_Area",
                table: "gbfs_geofencing_zones",
                column: "Area")
                .Annotation("Npgsql:IndexMethod", "gist");

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
                name: "IX_gbfs_stations_Location",
                table: "gbfs_stations",
                column: "Location")
                .Annotation("Npgsql:IndexMethod", "gist");

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
