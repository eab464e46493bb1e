using DataGouvTerr.Domain.Gbfs;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Domain.Tests.Gbfs;

/// <summary>Snapshots and territories built in code around Rouen for the rule and availability tests.</summary>
internal static class GbfsSnapshots
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A box around Rouen (lon 0.9–1.3, lat 49.3–49.55).</summary>
    public static Polygon Rouen { get; } = Box(0.9, 49.3, 1.3, 49.55);

    public static Polygon Box(double minLon, double minLat, double maxLon, double maxLat) =>
        new GeometryFactory(new PrecisionModel(), 4326).CreatePolygon(
        [
            new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat), new Coordinate(maxLon, maxLat),
            new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat),
        ]);

    public static GbfsDiscovery Discovery(params string[] files) =>
        new(GbfsVersion.V23, 60, Now, files.ToDictionary(f => f, f => new Uri($"https://example.org/gbfs/{f}.json")));

    public static GbfsFileHeader Header(string file, DateTimeOffset lastUpdated, int ttl) =>
        new(file, $"https://example.org/gbfs/{file}.json", GbfsVersion.V23, lastUpdated, ttl);

    public static GbfsSnapshot Docked(IReadOnlyList<GbfsStation> stations, IReadOnlyList<GbfsStationStatus> statuses) => new()
    {
        Discovery = Discovery(GbfsFiles.SystemInformation, GbfsFiles.StationInformation, GbfsFiles.StationStatus),
        FetchedAt = Now,
        Files = [Header(GbfsFiles.StationStatus, Now, 60)],
        Stations = stations,
        StationStatuses = statuses,
    };

    public static GbfsStationStatus Status(string id, int vehicles, int docks, int disabled = 0) =>
        new(id, vehicles, docks, disabled, 0, true, true, true, Now);
}
