using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>stop_time_with_arrival_before_previous_departure_time: a trip that goes back in time between two stops.</summary>
public sealed class StopTimeArrivalBeforePreviousDepartureRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var previousDeparture = -1;
            var previousRow = -1;
            foreach (var row in st.RowsOfTrip(t))
            {
                if (st.Arrival[row] >= 0 && previousDeparture >= 0 && st.Arrival[row] < previousDeparture)
                {
                    notices.Error("stop_time_with_arrival_before_previous_departure_time",
                        new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[row], "arrival_time", TimeText(st.Arrival[row])),
                        $"Trip {st.TripIds[t]} arrives at {TimeText(st.Arrival[row])}, before it left the previous stop (row {st.RowNumber[previousRow]}) at {TimeText(previousDeparture)}.");
                }
                if (st.Departure[row] >= 0)
                {
                    previousDeparture = st.Departure[row];
                    previousRow = row;
                }
            }
        }
    }

    internal static string TimeText(int seconds) => $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}";
}

/// <summary>stop_time_with_departure_before_arrival_time (DataGouvTerr): a stop left before it is reached.</summary>
public sealed class StopTimeDepartureBeforeArrivalRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var i = 0; i < st.Count; i++)
        {
            if (st.Arrival[i] >= 0 && st.Departure[i] >= 0 && st.Departure[i] < st.Arrival[i])
            {
                notices.Error("stop_time_with_departure_before_arrival_time",
                    new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[i], "departure_time", StopTimeArrivalBeforePreviousDepartureRule.TimeText(st.Departure[i])),
                    $"departure_time is before arrival_time {StopTimeArrivalBeforePreviousDepartureRule.TimeText(st.Arrival[i])}.");
            }
        }
    }
}

/// <summary>stop_time_with_only_arrival_or_departure_time: one of the two times given without the other.</summary>
public sealed class StopTimeOnlyArrivalOrDepartureRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var i = 0; i < st.Count; i++)
        {
            // Invalid times were already reported; only a truly empty side counts here.
            var hasArrival = st.Arrival[i] != StopTimesColumns.Missing;
            var hasDeparture = st.Departure[i] != StopTimesColumns.Missing;
            if (hasArrival != hasDeparture)
            {
                var missing = hasArrival ? "departure_time" : "arrival_time";
                notices.Error("stop_time_with_only_arrival_or_departure_time", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[i], missing),
                    $"Only one of arrival_time and departure_time is set; {missing} is empty.");
            }
        }
    }
}

/// <summary>stop_time_timepoint_without_times: timepoint=1 promises exact times that are not there.</summary>
public sealed class TimepointWithoutTimesRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var i = 0; i < st.Count; i++)
        {
            if (st.Timepoint[i] == 1 && (st.Arrival[i] == StopTimesColumns.Missing || st.Departure[i] == StopTimesColumns.Missing))
            {
                notices.Error("stop_time_timepoint_without_times", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[i], "timepoint", "1"),
                    "timepoint is 1 (exact time) but arrival_time or departure_time is empty.");
            }
        }
    }
}

/// <summary>missing_trip_edge: the first or last stop of a trip has no arrival or departure time.</summary>
public sealed class MissingTripEdgeRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var rows = st.RowsOfTrip(t);
            if (rows.Length == 0)
            {
                continue;
            }
            Check(rows[0], "first");
            if (rows.Length > 1)
            {
                Check(rows[^1], "last");
            }

            void Check(int row, string which)
            {
                foreach (var (field, value) in new[] { ("arrival_time", st.Arrival[row]), ("departure_time", st.Departure[row]) })
                {
                    if (value == StopTimesColumns.Missing)
                    {
                        notices.Error("missing_trip_edge", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[row], field),
                            $"The {which} stop of trip {st.TripIds[t]} has no {field}; a trip's first and last stops must be timed.");
                    }
                }
            }
        }
    }
}

/// <summary>decreasing_or_equal_stop_time_distance: shape_dist_traveled must grow along a trip.</summary>
public sealed class DecreasingOrEqualStopTimeDistanceRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var previous = double.NaN;
            var previousRow = -1;
            foreach (var row in st.RowsOfTrip(t))
            {
                var distance = st.ShapeDistTraveled[row];
                if (double.IsNaN(distance))
                {
                    continue;
                }
                // The same stop twice in a row (a timed wait) may keep the same distance.
                if (!double.IsNaN(previous) && (distance < previous || (distance == previous && st.StopIndex[row] != st.StopIndex[previousRow])))
                {
                    notices.Error("decreasing_or_equal_stop_time_distance",
                        new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[row], "shape_dist_traveled", distance.ToString("R")),
                        $"shape_dist_traveled does not grow after row {st.RowNumber[previousRow]} ({previous:R}) on trip {st.TripIds[t]}.");
                }
                previous = distance;
                previousRow = row;
            }
        }
    }
}

/// <summary>unusable_trip: a trip with fewer than two stop times cannot take anyone anywhere.</summary>
public sealed class UnusableTripRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var st = context.Feed.StopTimes;
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var rows = st.RowsOfTrip(t);
            if (rows.Length == 1)
            {
                notices.Warning("unusable_trip", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[rows[0]], "trip_id", st.TripIds[t]),
                    $"Trip {st.TripIds[t]} has a single stop time; a trip needs at least two stops.");
            }
        }
    }
}
