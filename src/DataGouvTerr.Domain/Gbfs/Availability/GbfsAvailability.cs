using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Domain.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace DataGouvTerr.Domain.Gbfs.Availability;

/// <summary>Availability of one station at one snapshot.</summary>
public sealed record StationAvailability(string StationId, int VehiclesAvailable, int DocksAvailable, int VehiclesDisabled, int DocksDisabled);

/// <summary>
/// Availability summed over one zone of the contract's zoning (a grid cell, code <c>{x}_{y}</c> of its lower-left
/// Lambert-93 corner in metres, or a zone of a zone set, by its code): station vehicles plus free-floating ones.
/// </summary>
public sealed record ZoneAvailability(string ZoningId, string ZoneCode, int VehiclesAvailable, int DocksAvailable, int VehiclesDisabled);

/// <summary>The availability of one snapshot, per station and per zone, for the time bin it falls in.</summary>
public sealed record GbfsAvailabilitySnapshot(DateTimeOffset BinStart, IReadOnlyList<StationAvailability> Stations, IReadOnlyList<ZoneAvailability> Zones);

/// <summary>
/// Turns a snapshot into availability per station and per zone of every grid and zone set of the contract.
/// Stations that are not installed count nothing; reserved vehicles are not available. Vehicles are counted, never
/// identified (their ids rotate by spec). Zone sets are indexed once per zoning and reused across snapshots.
/// </summary>
public sealed class GbfsAvailabilityCalculator
{
    private readonly Zoning _zoning;
    private readonly List<(ZoneSet Set, STRtree<(string Code, IPreparedGeometry Area)> Index)> _zoneSets;

    public GbfsAvailabilityCalculator(Zoning zoning)
    {
        _zoning = zoning;
        _zoneSets = zoning.ZoneSets.Select(set =>
        {
            var index = new STRtree<(string, IPreparedGeometry)>();
            foreach (var zone in set.Zones)
            {
                index.Insert(zone.Area.EnvelopeInternal, (zone.Code, PreparedGeometryFactory.Prepare(zone.Area)));
            }

            index.Build();
            return (set, index);
        }).ToList();
    }

    public static DateTimeOffset BinStart(DateTimeOffset time, TimeSpan bin) =>
        new(time.UtcTicks - time.UtcTicks % bin.Ticks, TimeSpan.Zero);

    public GbfsAvailabilitySnapshot Calculate(GbfsSnapshot snapshot, TimeSpan bin)
    {
        var stationsById = (snapshot.Stations ?? []).GroupBy(s => s.StationId).ToDictionary(g => g.Key, g => g.First());
        var stationRows = (snapshot.StationStatuses ?? [])
            .Where(s => s.IsInstalled)
            .Select(s => new StationAvailability(s.StationId, s.VehiclesAvailable, s.DocksAvailable ?? 0, s.VehiclesDisabled, s.DocksDisabled))
            .ToList();

        // Points to place in zones: each station with its counts, then each free-floating vehicle as one.
        var points = new List<(double Lon, double Lat, int Available, int Docks, int Disabled)>(stationRows.Count);
        foreach (var row in stationRows)
        {
            if (stationsById.TryGetValue(row.StationId, out var station))
            {
                points.Add((station.Longitude, station.Latitude, row.VehiclesAvailable, row.DocksAvailable, row.VehiclesDisabled));
            }
        }

        foreach (var vehicle in snapshot.Vehicles ?? [])
        {
            if (vehicle is { IsFreeFloating: true, Longitude: { } lon, Latitude: { } lat } && !vehicle.IsReserved)
            {
                points.Add((lon, lat, vehicle.IsDisabled ? 0 : 1, 0, vehicle.IsDisabled ? 1 : 0));
            }
        }

        var sums = new Dictionary<(string ZoningId, string Code), (int Available, int Docks, int Disabled)>();
        void AddTo(string zoningId, string code, (double, double, int Available, int Docks, int Disabled) p)
        {
            var current = sums.GetValueOrDefault((zoningId, code));
            sums[(zoningId, code)] = (current.Available + p.Available, current.Docks + p.Docks, current.Disabled + p.Disabled);
        }

        foreach (var point in points)
        {
            var (x, y) = _zoning.Grids.Count > 0 ? Reprojector.Instance.ToLambert93(point.Lon, point.Lat) : (0, 0);
            foreach (var grid in _zoning.Grids)
            {
                AddTo(grid.Id, CellCode(x, y, grid.CellSizeMeters), point);
            }

            var wgs84 = new Point(point.Lon, point.Lat);
            foreach (var (set, index) in _zoneSets)
            {
                foreach (var (code, area) in index.Query(wgs84.EnvelopeInternal))
                {
                    if (area.Covers(wgs84))
                    {
                        AddTo(set.Id, code, point);
                        break;
                    }
                }
            }
        }

        var zones = sums.Select(kv => new ZoneAvailability(kv.Key.ZoningId, kv.Key.Code, kv.Value.Available, kv.Value.Docks, kv.Value.Disabled))
            .OrderBy(z => z.ZoningId, StringComparer.Ordinal).ThenBy(z => z.ZoneCode, StringComparer.Ordinal)
            .ToList();
        return new GbfsAvailabilitySnapshot(BinStart(snapshot.FetchedAt, bin), stationRows, zones);
    }

    /// <summary>Grid cells are named by their lower-left Lambert-93 corner in metres, as <see cref="GridZoning"/> says.</summary>
    public static string CellCode(double x, double y, int cellSizeMeters) =>
        $"{(long)Math.Floor(x / cellSizeMeters) * cellSizeMeters}_{(long)Math.Floor(y / cellSizeMeters) * cellSizeMeters}";
}
