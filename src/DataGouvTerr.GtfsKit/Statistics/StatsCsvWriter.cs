using System.Globalization;
using System.Text;
using DataGouvTerr.GtfsKit.Model;
using DataGouvTerr.GtfsKit.Reading;

namespace DataGouvTerr.GtfsKit.Statistics;

/// <summary>What <see cref="StatsCsvWriter.WriteAll"/> wrote: file paths and row counts, for the CLI's summary.</summary>
public sealed record StatsCsvSummary(IReadOnlyDictionary<string, int> RowsByFile, IReadOnlyList<DateOnly> Dates);

/// <summary>
/// Writes the statistics as gtfs_kit writes them with DataFrame.to_csv(index=False): its column names and order
/// (date first where it has one), dates as YYYYMMDD, times as HH:MM:SS, datetimes as "YYYY-MM-DD HH:MM:SS",
/// floats as Python prints them ("1.0", "0.25", "inf"), missing values as empty fields.
/// </summary>
public static class StatsCsvWriter
{
    public static readonly IReadOnlyList<string> TripStatsColumns =
    [
        "trip_id", "route_id", "route_short_name", "route_type", "direction_id", "shape_id", "stop_pattern_name",
        "num_stops", "start_time", "end_time", "start_stop_id", "end_stop_id", "is_loop", "duration", "distance", "speed",
    ];

    /// <summary>
    /// Computes trip, route, stop and network stats and the stop and route time series for the dates and writes
    /// trip_stats.csv, route_stats.csv, stop_stats.csv, network_stats.csv, stop_time_series.csv and
    /// route_time_series.csv into the directory (created if needed).
    /// </summary>
    public static StatsCsvSummary WriteAll(string directory, GtfsFeed feed, IEnumerable<DateOnly> dates, StatsOptions? options = null)
    {
        options ??= StatsOptions.Default;
        Directory.CreateDirectory(directory);
        var dateList = dates.ToList();
        var tripStats = GtfsStats.ComputeTripStats(feed, options: options);
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);

        void Write(string name, Action<TextWriter> write, int count)
        {
            using var w = new StreamWriter(Path.Combine(directory, name), false, new UTF8Encoding(false));
            write(w);
            rows[name] = count;
        }

        var routeStats = GtfsStats.ComputeRouteStats(feed, dateList, tripStats, options);
        var stopStats = GtfsStats.ComputeStopStats(feed, dateList, options: options);
        var networkStats = GtfsStats.ComputeNetworkStats(feed, dateList, tripStats, options);
        var stopSeries = GtfsStats.ComputeStopTimeSeries(feed, dateList, options: options);
        var routeSeries = GtfsStats.ComputeRouteTimeSeries(feed, dateList, tripStats, options);
        Write("trip_stats.csv", w => WriteTripStats(w, tripStats), tripStats.Count);
        Write("route_stats.csv", w => WriteRouteStats(w, routeStats, options.SplitDirections), routeStats.Count);
        Write("stop_stats.csv", w => WriteStopStats(w, stopStats, options.SplitDirections), stopStats.Count);
        Write("network_stats.csv", w => WriteNetworkStats(w, networkStats, options.SplitRouteTypes), networkStats.Count);
        Write("stop_time_series.csv", w => WriteStopTimeSeries(w, stopSeries, options.SplitDirections), stopSeries.Count);
        Write("route_time_series.csv", w => WriteRouteTimeSeries(w, routeSeries, options.SplitDirections), routeSeries.Count);
        return new StatsCsvSummary(rows, new Calendar.ServiceCalendar(feed).SubsetDates(dateList));
    }

    public static void WriteTripStats(TextWriter w, IEnumerable<TripStats> rows)
    {
        Header(w, TripStatsColumns);
        foreach (var r in rows)
        {
            Line(w, r.TripId, r.RouteId, r.RouteShortName, Int(r.RouteType), Int(r.DirectionId), r.ShapeId, r.StopPatternName,
                Int(r.NumStops), Time(r.StartTime), Time(r.EndTime), r.StartStopId, r.EndStopId, Int(r.IsLoop),
                Float(r.Duration), Float(r.Distance), Float(r.Speed));
        }
    }

    public static void WriteRouteStats(TextWriter w, IEnumerable<RouteStats> rows, bool splitDirections = false)
    {
        Header(w, [
            "date", "route_id", "route_short_name", "route_type", "num_trips", "num_trip_starts", "num_trip_ends",
            "num_stop_patterns", "is_loop", "start_time", "end_time", "max_headway", "min_headway", "mean_headway",
            "peak_num_trips", "peak_start_time", "peak_end_time", "service_distance", "service_duration", "service_speed",
            "mean_trip_distance", "mean_trip_duration", splitDirections ? "direction_id" : "is_bidirectional",
        ]);
        foreach (var r in rows)
        {
            Line(w, Date(r.Date), r.RouteId, r.RouteShortName, Int(r.RouteType), Int(r.NumTrips), Int(r.NumTripStarts),
                Int(r.NumTripEnds), Int(r.NumStopPatterns), Int(r.IsLoop), Time(r.StartTime), Time(r.EndTime),
                Float(r.MaxHeadway), Float(r.MinHeadway), Float(r.MeanHeadway), Int(r.PeakNumTrips), Time(r.PeakStartTime),
                Time(r.PeakEndTime), Float(r.ServiceDistance), Float(r.ServiceDuration), Float(r.ServiceSpeed),
                Float(r.MeanTripDistance), Float(r.MeanTripDuration), Int(splitDirections ? r.DirectionId : r.IsBidirectional));
        }
    }

    public static void WriteStopStats(TextWriter w, IEnumerable<StopStats> rows, bool splitDirections = false)
    {
        List<string> columns = ["date", "stop_id", "num_trips", "num_routes", "max_headway", "min_headway", "mean_headway", "start_time", "end_time"];
        if (splitDirections)
        {
            columns.Add("direction_id");
        }

        Header(w, columns);
        foreach (var r in rows)
        {
            var fields = new List<string>
            {
                Date(r.Date), r.StopId, Int(r.NumTrips), Int(r.NumRoutes), Float(r.MaxHeadway), Float(r.MinHeadway),
                Float(r.MeanHeadway), Time(r.StartTime), Time(r.EndTime),
            };
            if (splitDirections)
            {
                fields.Add(Int(r.DirectionId));
            }

            Line(w, [.. fields]);
        }
    }

    public static void WriteNetworkStats(TextWriter w, IEnumerable<NetworkStats> rows, bool splitRouteTypes = false)
    {
        List<string> columns = ["date", "num_stops", "num_routes", "num_trips", "num_trip_starts", "num_trip_ends", "peak_num_trips",
            "peak_start_time", "peak_end_time", "service_distance", "service_duration", "service_speed"];
        if (splitRouteTypes)
        {
            columns.Insert(1, "route_type");
        }

        Header(w, columns);
        foreach (var r in rows)
        {
            var fields = new List<string>
            {
                Date(r.Date), Int(r.NumStops), Int(r.NumRoutes), Int(r.NumTrips), Int(r.NumTripStarts), Int(r.NumTripEnds),
                Int(r.PeakNumTrips), Time(r.PeakStartTime), Time(r.PeakEndTime), Float(r.ServiceDistance),
                Float(r.ServiceDuration), Float(r.ServiceSpeed),
            };
            if (splitRouteTypes)
            {
                fields.Insert(1, Int(r.RouteType));
            }

            Line(w, [.. fields]);
        }
    }

    public static void WriteStopTimeSeries(TextWriter w, IEnumerable<StopTimeSeriesRow> rows, bool splitDirections = false)
    {
        Header(w, splitDirections ? ["datetime", "stop_id", "direction_id", "num_trips"] : ["datetime", "stop_id", "num_trips"]);
        foreach (var r in rows)
        {
            if (splitDirections)
            {
                Line(w, DateTimeText(r.DateTime), r.StopId, Int(r.DirectionId), Int(r.NumTrips));
            }
            else
            {
                Line(w, DateTimeText(r.DateTime), r.StopId, Int(r.NumTrips));
            }
        }
    }

    public static void WriteRouteTimeSeries(TextWriter w, IEnumerable<RouteTimeSeriesRow> rows, bool splitDirections = false)
    {
        List<string> columns = ["datetime", "route_id", "num_trips", "num_trip_starts", "num_trip_ends", "service_distance", "service_duration", "service_speed"];
        if (splitDirections)
        {
            columns.Insert(2, "direction_id");
        }

        Header(w, columns);
        foreach (var r in rows)
        {
            var fields = new List<string>
            {
                DateTimeText(r.DateTime), r.RouteId, Int(r.NumTrips), Int(r.NumTripStarts), Int(r.NumTripEnds),
                Float(r.ServiceDistance), Float(r.ServiceDuration), Float(r.ServiceSpeed),
            };
            if (splitDirections)
            {
                fields.Insert(2, Int(r.DirectionId));
            }

            Line(w, [.. fields]);
        }
    }

    /// <summary>A float as Python's repr prints it (shortest round-trip, ".0" on integers), empty for NaN.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            // Python: 1e-05, 1.5e+16 (two-digit exponent at least, explicit sign).
            var mantissa = text[..text.IndexOf('E')];
            var exponent = int.Parse(text[(text.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
        }

        return text.Contains('.') ? text : text + ".0";
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(GtfsTime time) => time.ToString();

    private static string Date(DateOnly date) => FieldParsers.FormatDate(date);

    private static string DateTimeText(DateTime dt) => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Header(TextWriter w, IReadOnlyList<string> columns) => w.Write(string.Join(',', columns) + "\n");

    private static void Line(TextWriter w, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                w.Write(',');
            }

            w.Write(Quote(fields[i]));
        }

        w.Write('\n');
    }

    /// <summary>Quotes like Python's csv module (QUOTE_MINIMAL): only fields with a comma, quote or line break.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
