using System.Globalization;
using System.Text;
using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>
/// Stop maps as GeoJSON features and CSV (one row per stop, hourly columns <c>h00</c>… as many as the busiest row
/// needs, 24 at least), with gtfs_kit's stop-stats names (num_routes, num_trips, max/min/mean_headway in minutes,
/// start_time, end_time). A headway that cannot be computed (fewer than two departures in 07:00–19:00) is null/empty.
/// </summary>
public static class StopMapFormats
{
    public static object Feature(StopMapRow r) => new
    {
        type = "Feature",
        geometry = new { type = "Point", coordinates = new[] { r.Lon, r.Lat } },
        properties = new
        {
            feed_id = r.FeedId,
            stop_id = r.StopId,
            stop_name = r.StopName,
            date = Date(r.Date),
            routes = r.Routes,
            num_routes = r.NumRoutes,
            num_trips = r.NumTrips,
            departures_per_day = r.NumTrips,
            departures_per_hour = r.HourlyDepartures,
            max_headway = r.MaxHeadwayMinutes,
            min_headway = r.MinHeadwayMinutes,
            mean_headway = r.MeanHeadwayMinutes,
            start_time = Time(r.StartSeconds),
            end_time = Time(r.EndSeconds),
        },
    };

    public static object FeatureCollection(IEnumerable<StopMapRow> rows) => new { type = "FeatureCollection", features = rows.Select(Feature).ToList() };

    public static string Csv(IReadOnlyList<StopMapRow> rows)
    {
        var hours = rows.Count == 0 ? 24 : rows.Max(r => r.HourlyDepartures.Length);
        var csv = new StringBuilder("feed_id,stop_id,stop_name,stop_lat,stop_lon,date,routes,num_routes,num_trips,max_headway,min_headway,mean_headway,start_time,end_time");
        for (var h = 0; h < hours; h++)
        {
            csv.Append(",h").Append(h.ToString("00", CultureInfo.InvariantCulture));
        }
        csv.Append('\n');
        foreach (var r in rows)
        {
            csv.Append(Field(r.FeedId)).Append(',').Append(Field(r.StopId)).Append(',').Append(Field(r.StopName)).Append(',')
                .Append(Number(r.Lat)).Append(',').Append(Number(r.Lon)).Append(',').Append(Date(r.Date)).Append(',')
                .Append(Field(string.Join('|', r.Routes))).Append(',').Append(r.NumRoutes.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.NumTrips.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Number(r.MaxHeadwayMinutes)).Append(',')
                .Append(Number(r.MinHeadwayMinutes)).Append(',').Append(Number(r.MeanHeadwayMinutes)).Append(',')
                .Append(Time(r.StartSeconds)).Append(',').Append(Time(r.EndSeconds));
            for (var h = 0; h < hours; h++)
            {
                csv.Append(',').Append((h < r.HourlyDepartures.Length ? r.HourlyDepartures[h] : 0).ToString(CultureInfo.InvariantCulture));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>GTFS time (25:10:00 stays past midnight, as gtfs_kit writes it).</summary>
    private static string? Time(int? seconds) => seconds is { } s ? GtfsTime.Format(s) : null;

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>RFC 4180 quoting when the value holds a separator, a quote or a line break.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
