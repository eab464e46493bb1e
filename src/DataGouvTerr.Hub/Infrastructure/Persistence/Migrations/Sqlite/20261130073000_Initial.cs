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
                name: "api_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SecretSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: true),
                    TokenId = table.Column<string>(type: "TEXT", nullable: true),
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Product = table.Column<string>(type: "TEXT", nullable: true),
                    Parameters = table.Column<string>(type: "TEXT", nullable: true),
                    RowsReturned = table.Column<int>(type: "INTEGER", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceFeeds = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "contract_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Yaml = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VehicleState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EventTypes = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    TimestampMs = table.Column<long>(type: "INTEGER", nullable: false),
                    PublicationTimeMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Location = table.Column<byte[]>(type: "BLOB", nullable: true),
                    EventGeographies = table.Column<string>(type: "TEXT", nullable: true),
                    BatteryPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    FuelPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    TripIds = table.Column<string>(type: "TEXT", nullable: true),
                    AssociatedTicket = table.Column<string>(type: "TEXT", nullable: true),
                    Flags = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    LocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_feed_hours",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HourStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TelemetryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TripCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LagP50Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LagP95Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LagMaxMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_feed_hours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_pull_cursors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NextHourMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_pull_cursors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_rejected_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Params = table.Column<string>(type: "TEXT", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", nullable: false),
                    ItemJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_rejected_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_telemetry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TelemetryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimestampMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TripIds = table.Column<string>(type: "TEXT", nullable: true),
                    JourneyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Location = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Altitude = table.Column<double>(type: "REAL", nullable: true),
                    Heading = table.Column<double>(type: "REAL", nullable: true),
                    Speed = table.Column<double>(type: "REAL", nullable: true),
                    HorizontalAccuracy = table.Column<double>(type: "REAL", nullable: true),
                    LocationType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    BatteryPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    FuelPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    TippedOver = table.Column<bool>(type: "INTEGER", nullable: true),
                    Flags = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    LocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_telemetry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_trips",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TripId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TripType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    StartLocation = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EndLocation = table.Column<byte[]>(type: "BLOB", nullable: false),
                    DurationSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    DistanceMeters = table.Column<long>(type: "INTEGER", nullable: false),
                    PublicationTimeMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ParkingCategory = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ParkingVerificationUrl = table.Column<string>(type: "TEXT", nullable: true),
                    StandardCost = table.Column<long>(type: "INTEGER", nullable: true),
                    ActualCost = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    AttributesJson = table.Column<string>(type: "TEXT", nullable: true),
                    Flags = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    EndLocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    EndLocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    EndLocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    EndLocationMinY = table.Column<double>(type: "REAL", nullable: true),
                    StartLocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    StartLocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    StartLocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    StartLocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_trips", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_vehicles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DataProviderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VehicleId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    VehicleType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PropulsionTypes = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    BatteryCapacity = table.Column<long>(type: "INTEGER", nullable: true),
                    FuelCapacity = table.Column<long>(type: "INTEGER", nullable: true),
                    MaximumSpeed = table.Column<long>(type: "INTEGER", nullable: true),
                    VehicleAttributesJson = table.Column<string>(type: "TEXT", nullable: true),
                    AccessibilityAttributesJson = table.Column<string>(type: "TEXT", nullable: true),
                    RegisteredAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastVehicleState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LastEventTimestampMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_vehicles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sanctions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    ObligationId = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    Products = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_MemberId",
                table: "api_tokens",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_At",
                table: "audit_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_MemberId",
                table: "audit_log",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_versions_Version",
                table: "contract_versions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_events_DeviceId_TimestampMs_EventTypes",
                table: "mds_events",
                columns: new[] { "DeviceId", "TimestampMs", "EventTypes" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_events_LocationMinX_LocationMinY",
                table: "mds_events",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_events_ProviderId_ReceivedAtMs",
                table: "mds_events",
                columns: new[] { "ProviderId", "ReceivedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_events_TimestampMs",
                table: "mds_events",
                column: "TimestampMs");

            migrationBuilder.CreateIndex(
                name: "IX_mds_feed_hours_FeedId_ComputedAtMs",
                table: "mds_feed_hours",
                columns: new[] { "FeedId", "ComputedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_feed_hours_FeedId_HourStartMs",
                table: "mds_feed_hours",
                columns: new[] { "FeedId", "HourStartMs" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_pull_cursors_FeedId_Endpoint",
                table: "mds_pull_cursors",
                columns: new[] { "FeedId", "Endpoint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_rejected_items_ProviderId_Id",
                table: "mds_rejected_items",
                columns: new[] { "ProviderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_rejected_items_ProviderId_ReceivedAtMs",
                table: "mds_rejected_items",
                columns: new[] { "ProviderId", "ReceivedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_DeviceId_TimestampMs",
                table: "mds_telemetry",
                columns: new[] { "DeviceId", "TimestampMs" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_LocationMinX_LocationMinY",
                table: "mds_telemetry",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_ProviderId_ReceivedAtMs",
                table: "mds_telemetry",
                columns: new[] { "ProviderId", "ReceivedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_TimestampMs",
                table: "mds_telemetry",
                column: "TimestampMs");

            migrationBuilder.CreateIndex(
                name: "IX_mds_trips_EndLocationMinX_EndLocationMinY",
                table: "mds_trips",
                columns: new[] { "EndLocationMinX", "EndLocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_trips_EndTimeMs",
                table: "mds_trips",
                column: "EndTimeMs");

            migrationBuilder.CreateIndex(
                name: "IX_mds_trips_ProviderId_ReceivedAtMs",
                table: "mds_trips",
                columns: new[] { "ProviderId", "ReceivedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_trips_StartLocationMinX_StartLocationMinY",
                table: "mds_trips",
                columns: new[] { "StartLocationMinX", "StartLocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_trips_TripId",
                table: "mds_trips",
                column: "TripId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_vehicles_DeviceId",
                table: "mds_vehicles",
                column: "DeviceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_vehicles_ProviderId_VehicleId",
                table: "mds_vehicles",
                columns: new[] { "ProviderId", "VehicleId" });

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_MemberId_LiftedAt",
                table: "sanctions",
                columns: new[] { "MemberId", "LiftedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "contract_versions");

            migrationBuilder.DropTable(
                name: "mds_events");

            migrationBuilder.DropTable(
                name: "mds_feed_hours");

            migrationBuilder.DropTable(
                name: "mds_pull_cursors");

            migrationBuilder.DropTable(
                name: "mds_rejected_items");

            migrationBuilder.DropTable(
                name: "mds_telemetry");

            migrationBuilder.DropTable(
                name: "mds_trips");

            migrationBuilder.DropTable(
                name: "mds_vehicles");

            migrationBuilder.DropTable(
                name: "sanctions");
        }
    }
}
