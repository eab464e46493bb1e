using System.Globalization;
using System.Text;

namespace DataGouvTerr.Benchmarks.Gbfs;

/// <summary>
/// Builds a Vélib'-sized GBFS 2.3 docked system in code (stations on a grid over Paris) and station_status
/// variants whose counts differ, so every ingested snapshot is new to the hasher and the store.
/// </summary>
internal static class GbfsSystemGenerator
{
    public const long LastUpdated = 1764489600;

    public static byte[] StationInformation(int stations)
    {
        var json = new StringBuilder($$"""{"last_updated": {{LastUpdated}}, "ttl": 60, "version": "2.3", "data": {"stations": [""");
        for (var i = 0; i < stations; i++)
        {
            var (lon, lat) = Position(i, stations);
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"station_id": "s{{i}}", "name": "Station {{i}}", "lat": {{lat:0.000000}}, "lon": {{lon:0.000000}}, "capacity": 30}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }

    public static byte[] StationStatus(int stations, int variant)
    {
        var json = new StringBuilder($$"""{"last_updated": {{LastUpdated + variant * 60}}, "ttl": 60, "version": "2.3", "data": {"stations": [""");
        for (var i = 0; i < stations; i++)
        {
            var bikes = (i * 7 + variant * 3) % 25;
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$"""{"station_id": "s{{i}}", "is_installed": true, "is_renting": true, "is_returning": true, "last_reported": {{LastUpdated + variant * 60 - 10}}, "num_bikes_available": {{bikes}}, "num_bikes_disabled": {{(i % 3 == 0 ? 1 : 0)}}, "num_docks_available": {{29 - bikes}}, "vehicle_types_available": [{"vehicle_type_id": "bike", "count": {{bikes}}}]}""");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }

    /// <summary>Stations spread over a 12 km × 9 km box centred on Paris.</summary>
    private static (double Lon, double Lat) Position(int i, int count)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(count));
        return (2.25 + 0.17 * (i % side) / side, 48.81 + 0.08 * (i / side) / side);
    }
}
