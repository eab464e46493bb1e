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
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
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
                    LeafHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RootHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HeadSignature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_tree_nodes", x => new { x.Level, x.Index });
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
                name: "flow_product_rows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimeBinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    BinStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    BinEndMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Operators = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: true),
                    CountSuppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count2 = table.Column<int>(type: "INTEGER", nullable: true),
                    Count2Suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count3 = table.Column<int>(type: "INTEGER", nullable: true),
                    Count3Suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Measure1 = table.Column<double>(type: "REAL", nullable: true),
                    Measure2 = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_product_rows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "flow_product_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReleaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    WindowStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WindowEndMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimeBinMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MinCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DelayMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    OperatorNamesVisible = table.Column<bool>(type: "INTEGER", nullable: false),
                    BuiltAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeliveredHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DeliveredAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_product_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "flow_refresh_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRefreshMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_refresh_state", x => x.Id);
                });

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
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    Baseline = table.Column<int>(type: "INTEGER", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "governance_disputes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    ObligationId = table.Column<string>(type: "TEXT", nullable: false),
                    SanctionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Statement = table.Column<string>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    DecideBy = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_disputes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "governance_notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    TextFr = table.Column<string>(type: "TEXT", nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "governance_proposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    BaseVersion = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Yaml = table.Column<string>(type: "TEXT", nullable: false),
                    ChangeKinds = table.Column<string>(type: "TEXT", nullable: false),
                    AffectedMembers = table.Column<string>(type: "TEXT", nullable: false),
                    AffectedProviders = table.Column<string>(type: "TEXT", nullable: false),
                    DiffJson = table.Column<string>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "governance_votes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Choice = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    CastAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_governance_votes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gtfs_feed_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    FetchedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Loaded = table.Column<bool>(type: "INTEGER", nullable: false),
                    RejectedReason = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorCount = table.Column<long>(type: "INTEGER", nullable: false),
                    WarningCount = table.Column<long>(type: "INTEGER", nullable: false),
                    InfoCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FeedStartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FeedEndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StopCount = table.Column<int>(type: "INTEGER", nullable: false),
                    StopTimeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_feed_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "gtfs_feeds",
                columns: table => new
                {
                    FeedId = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentVersionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LastSha256 = table.Column<string>(type: "TEXT", nullable: true),
                    LastETag = table.Column<string>(type: "TEXT", nullable: true),
                    LastModified = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_feeds", x => x.FeedId);
                });

            migrationBuilder.CreateTable(
                name: "gtfs_frequency_runs",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    TripId = table.Column<string>(type: "TEXT", nullable: false),
                    RunIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    OffsetSeconds = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_frequency_runs", x => new { x.VersionId, x.TripId, x.RunIndex });
                });

            migrationBuilder.CreateTable(
                name: "gtfs_routes",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    RouteId = table.Column<string>(type: "TEXT", nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", nullable: false),
                    LongName = table.Column<string>(type: "TEXT", nullable: false),
                    RouteType = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_routes", x => new { x.VersionId, x.RouteId });
                });

            migrationBuilder.CreateTable(
                name: "gtfs_service_dates",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_service_dates", x => new { x.VersionId, x.Date, x.ServiceId });
                });

            migrationBuilder.CreateTable(
                name: "gtfs_stop_day_stats",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    StopId = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StopName = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Routes = table.Column<string>(type: "TEXT", nullable: false),
                    NumRoutes = table.Column<int>(type: "INTEGER", nullable: false),
                    NumTrips = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxHeadwayMinutes = table.Column<double>(type: "REAL", nullable: true),
                    MinHeadwayMinutes = table.Column<double>(type: "REAL", nullable: true),
                    MeanHeadwayMinutes = table.Column<double>(type: "REAL", nullable: true),
                    StartSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    EndSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    HourlyDepartures = table.Column<string>(type: "TEXT", nullable: false),
                    LocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_stop_day_stats", x => new { x.VersionId, x.StopId });
                });

            migrationBuilder.CreateTable(
                name: "gtfs_stop_times",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    TripId = table.Column<string>(type: "TEXT", nullable: false),
                    StopSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    StopId = table.Column<string>(type: "TEXT", nullable: false),
                    ArrivalSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    DepartureSeconds = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_stop_times", x => new { x.VersionId, x.TripId, x.StopSequence });
                });

            migrationBuilder.CreateTable(
                name: "gtfs_stops",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    StopId = table.Column<string>(type: "TEXT", nullable: false),
                    StopName = table.Column<string>(type: "TEXT", nullable: false),
                    LocationType = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<byte[]>(type: "BLOB", nullable: true),
                    LocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_stops", x => new { x.VersionId, x.StopId });
                });

            migrationBuilder.CreateTable(
                name: "gtfs_trips",
                columns: table => new
                {
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    TripId = table.Column<string>(type: "TEXT", nullable: false),
                    RouteId = table.Column<string>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<string>(type: "TEXT", nullable: false),
                    DirectionId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gtfs_trips", x => new { x.VersionId, x.TripId });
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
                    BodyHash = table.Column<long>(type: "INTEGER", nullable: false),
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
                name: "mds_reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Duration = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SpecialGroupType = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    GeographyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VehicleType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TripCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RiderCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mds_stops",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FeedId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Location = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LastUpdatedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    StopJson = table.Column<string>(type: "TEXT", nullable: false),
                    RegisteredAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LocationMaxX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMaxY = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinX = table.Column<double>(type: "REAL", nullable: true),
                    LocationMinY = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mds_stops", x => x.Id);
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
                    BodyHash = table.Column<long>(type: "INTEGER", nullable: false),
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
                    BodyHash = table.Column<long>(type: "INTEGER", nullable: false),
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
                name: "obligation_status",
                columns: table => new
                {
                    ObligationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    BreachedSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    InForceSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ObservedSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CompliantSince = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_obligation_status", x => x.ObligationId);
                });

            migrationBuilder.CreateTable(
                name: "privacy_ledger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WindowStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WindowEndMs = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RightFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContractVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Epsilon = table.Column<decimal>(type: "TEXT", nullable: false),
                    Delta = table.Column<decimal>(type: "TEXT", nullable: false),
                    ReleaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_ledger", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "product_releases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WindowStartMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WindowEndMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ContractVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RightFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RightDescription = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Epsilon = table.Column<decimal>(type: "TEXT", nullable: false),
                    Delta = table.Column<decimal>(type: "TEXT", nullable: false),
                    Threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SupersededAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_releases", x => x.Id);
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
                    LiftedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Until = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
                name: "IX_audit_log_AtUnixMs",
                table: "audit_log",
                column: "AtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_MemberId",
                table: "audit_log",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_tree_nodes_EntryId",
                table: "audit_tree_nodes",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_contract_versions_Version",
                table: "contract_versions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_flow_product_rows_MemberId_Product_Resolution_TimeBinMinutes_BinStartMs",
                table: "flow_product_rows",
                columns: new[] { "MemberId", "Product", "Resolution", "TimeBinMinutes", "BinStartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_product_rows_MemberId_Product_WindowStartMs",
                table: "flow_product_rows",
                columns: new[] { "MemberId", "Product", "WindowStartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_product_runs_MemberId_Product_Resolution_TimeBinMinutes_WindowStartMs",
                table: "flow_product_runs",
                columns: new[] { "MemberId", "Product", "Resolution", "TimeBinMinutes", "WindowStartMs" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_flow_product_runs_MemberId_Product_WindowStartMs",
                table: "flow_product_runs",
                columns: new[] { "MemberId", "Product", "WindowStartMs" });

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

            migrationBuilder.CreateIndex(
                name: "IX_governance_disputes_MemberId_ObligationId_State",
                table: "governance_disputes",
                columns: new[] { "MemberId", "ObligationId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_governance_notices_MemberId",
                table: "governance_notices",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_governance_proposals_State",
                table: "governance_proposals",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_governance_votes_ProposalId_MemberId",
                table: "governance_votes",
                columns: new[] { "ProposalId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gtfs_feed_versions_FeedId_Sha256",
                table: "gtfs_feed_versions",
                columns: new[] { "FeedId", "Sha256" });

            migrationBuilder.CreateIndex(
                name: "IX_gtfs_stop_day_stats_LocationMinX_LocationMinY",
                table: "gtfs_stop_day_stats",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_gtfs_stop_times_VersionId_StopId",
                table: "gtfs_stop_times",
                columns: new[] { "VersionId", "StopId" });

            migrationBuilder.CreateIndex(
                name: "IX_gtfs_stops_LocationMinX_LocationMinY",
                table: "gtfs_stops",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_events_DeviceId_TimestampMs",
                table: "mds_events",
                columns: new[] { "DeviceId", "TimestampMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_events_EventId",
                table: "mds_events",
                column: "EventId",
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
                name: "IX_mds_reports_ProviderId_StartDate_Duration_SpecialGroupType_GeographyId_VehicleType",
                table: "mds_reports",
                columns: new[] { "ProviderId", "StartDate", "Duration", "SpecialGroupType", "GeographyId", "VehicleType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_stops_LocationMinX_LocationMinY",
                table: "mds_stops",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_stops_ProviderId_Id",
                table: "mds_stops",
                columns: new[] { "ProviderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_stops_StopId",
                table: "mds_stops",
                column: "StopId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_DeviceId_TimestampMs",
                table: "mds_telemetry",
                columns: new[] { "DeviceId", "TimestampMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_LocationMinX_LocationMinY",
                table: "mds_telemetry",
                columns: new[] { "LocationMinX", "LocationMinY" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_ProviderId_ReceivedAtMs",
                table: "mds_telemetry",
                columns: new[] { "ProviderId", "ReceivedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_mds_telemetry_TelemetryId",
                table: "mds_telemetry",
                column: "TelemetryId",
                unique: true);

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
                name: "IX_obligation_status_MemberId",
                table: "obligation_status",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_ledger_MemberId_Product_WindowStartMs",
                table: "privacy_ledger",
                columns: new[] { "MemberId", "Product", "WindowStartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_ledger_WindowStartMs_WindowEndMs",
                table: "privacy_ledger",
                columns: new[] { "WindowStartMs", "WindowEndMs" });

            migrationBuilder.CreateIndex(
                name: "IX_product_releases_MemberId_Product_WindowStartMs",
                table: "product_releases",
                columns: new[] { "MemberId", "Product", "WindowStartMs" });

            migrationBuilder.CreateIndex(
                name: "IX_product_releases_ReleaseId",
                table: "product_releases",
                column: "ReleaseId",
                unique: true);

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
                name: "audit_tree_nodes");

            migrationBuilder.DropTable(
                name: "contract_versions");

            migrationBuilder.DropTable(
                name: "flow_product_rows");

            migrationBuilder.DropTable(
                name: "flow_product_runs");

            migrationBuilder.DropTable(
                name: "flow_refresh_state");

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

            migrationBuilder.DropTable(
                name: "governance_disputes");

            migrationBuilder.DropTable(
                name: "governance_notices");

            migrationBuilder.DropTable(
                name: "governance_proposals");

            migrationBuilder.DropTable(
                name: "governance_votes");

            migrationBuilder.DropTable(
                name: "gtfs_feed_versions");

            migrationBuilder.DropTable(
                name: "gtfs_feeds");

            migrationBuilder.DropTable(
                name: "gtfs_frequency_runs");

            migrationBuilder.DropTable(
                name: "gtfs_routes");

            migrationBuilder.DropTable(
                name: "gtfs_service_dates");

            migrationBuilder.DropTable(
                name: "gtfs_stop_day_stats");

            migrationBuilder.DropTable(
                name: "gtfs_stop_times");

            migrationBuilder.DropTable(
                name: "gtfs_stops");

            migrationBuilder.DropTable(
                name: "gtfs_trips");

            migrationBuilder.DropTable(
                name: "mds_events");

            migrationBuilder.DropTable(
                name: "mds_feed_hours");

            migrationBuilder.DropTable(
                name: "mds_pull_cursors");

            migrationBuilder.DropTable(
                name: "mds_rejected_items");

            migrationBuilder.DropTable(
                name: "mds_reports");

            migrationBuilder.DropTable(
                name: "mds_stops");

            migrationBuilder.DropTable(
                name: "mds_telemetry");

            migrationBuilder.DropTable(
                name: "mds_trips");

            migrationBuilder.DropTable(
                name: "mds_vehicles");

            migrationBuilder.DropTable(
                name: "obligation_status");

            migrationBuilder.DropTable(
                name: "privacy_ledger");

            migrationBuilder.DropTable(
                name: "product_releases");

            migrationBuilder.DropTable(
                name: "sanctions");
        }
    }
}
