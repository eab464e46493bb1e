using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>start_and_end_range_out_of_order: calendar, feed_info and frequencies ranges that end before they start.</summary>
public sealed class StartAndEndRangeOutOfOrderRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        CheckDates(context.Feed.Table(GtfsFileNames.Calendar), "start_date", "end_date");
        CheckDates(context.Feed.Table(GtfsFileNames.FeedInfo), "feed_start_date", "feed_end_date");
        if (context.Feed.Table(GtfsFileNames.Frequencies) is { } frequencies)
        {
            for (var row = 0; row < frequencies.RowCount; row++)
            {
                if (GtfsFieldParser.TryParseTime(frequencies.Get(row, "start_time"), out var start)
                    && GtfsFieldParser.TryParseTime(frequencies.Get(row, "end_time"), out var end) && end < start)
                {
                    Report(frequencies, row, "end_time", "start_time");
                }
            }
        }

        void CheckDates(GtfsRawTable? table, string startField, string endField)
        {
            for (var row = 0; row < (table?.RowCount ?? 0); row++)
            {
                if (GtfsFieldParser.TryParseDate(table!.Get(row, startField), out var start)
                    && GtfsFieldParser.TryParseDate(table.Get(row, endField), out var end) && end < start)
                {
                    Report(table, row, endField, startField);
                }
            }
        }

        void Report(GtfsRawTable table, int row, string endField, string startField) =>
            notices.Error("start_and_end_range_out_of_order", new GtfsNoticeLocation(table.FileName, table.RowNumbers[row], endField, table.Get(row, endField)),
                $"{endField} is before {startField} {table.Get(row, startField)}.");
    }
}

/// <summary>start_and_end_range_equal: a frequency period of zero length.</summary>
public sealed class StartAndEndRangeEqualRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.Frequencies) is not { } frequencies)
        {
            return;
        }
        for (var row = 0; row < frequencies.RowCount; row++)
        {
            if (GtfsFieldParser.TryParseTime(frequencies.Get(row, "start_time"), out var start)
                && GtfsFieldParser.TryParseTime(frequencies.Get(row, "end_time"), out var end) && end == start)
            {
                notices.Error("start_and_end_range_equal", new GtfsNoticeLocation(GtfsFileNames.Frequencies, frequencies.RowNumbers[row], "end_time", frequencies.Get(row, "end_time")),
                    "start_time and end_time are equal: the period is empty.");
            }
        }
    }
}

/// <summary>overlapping_frequency: two frequency periods of the same trip overlap.</summary>
public sealed class OverlappingFrequencyRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.Frequencies) is not { } frequencies)
        {
            return;
        }
        var byTrip = new Dictionary<string, List<(int Start, int End, int Row)>>(StringComparer.Ordinal);
        for (var row = 0; row < frequencies.RowCount; row++)
        {
            if (GtfsFieldParser.TryParseTime(frequencies.Get(row, "start_time"), out var start)
                && GtfsFieldParser.TryParseTime(frequencies.Get(row, "end_time"), out var end))
            {
                var trip = frequencies.Get(row, "trip_id");
                if (!byTrip.TryGetValue(trip, out var list))
                {
                    byTrip[trip] = list = [];
                }
                list.Add((start, end, row));
            }
        }
        foreach (var (trip, periods) in byTrip)
        {
            periods.Sort((a, b) => a.Start.CompareTo(b.Start));
            for (var i = 1; i < periods.Count; i++)
            {
                if (periods[i].Start < periods[i - 1].End)
                {
                    notices.Error("overlapping_frequency", new GtfsNoticeLocation(GtfsFileNames.Frequencies, frequencies.RowNumbers[periods[i].Row], "start_time", frequencies.Get(periods[i].Row, "start_time")),
                        $"This period of trip {trip} starts before the one of row {frequencies.RowNumbers[periods[i - 1].Row]} ends.");
                }
            }
        }
    }
}

/// <summary>feed_expiration_date7_days / feed_expiration_date30_days: feed_info says the feed ends (or ended) within 7 or 30 days.</summary>
public sealed class FeedExpirationDateRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.FeedInfo) is not { RowCount: > 0 } feedInfo
            || !GtfsFieldParser.TryParseDate(feedInfo.Get(0, "feed_end_date"), out var end))
        {
            return;
        }
        var location = new GtfsNoticeLocation(GtfsFileNames.FeedInfo, feedInfo.RowNumbers[0], "feed_end_date", feedInfo.Get(0, "feed_end_date"));
        var days = end.DayNumber - context.Today.DayNumber;
        if (days < 7)
        {
            notices.Warning("feed_expiration_date7_days", location,
                days < 0 ? $"The feed expired {-days} days ago ({end:yyyy-MM-dd})." : $"The feed expires in {days} days ({end:yyyy-MM-dd}); publish the next one at least 7 days ahead.");
        }
        else if (days < 30)
        {
            notices.Warning("feed_expiration_date30_days", location, $"The feed expires in {days} days ({end:yyyy-MM-dd}); publish the next one at least 30 days ahead.");
        }
    }
}

/// <summary>expired_calendar: a service whose every date is in the past.</summary>
public sealed class ExpiredCalendarRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var calendar = context.Index.Calendar;
        var calendarTable = context.Feed.Table(GtfsFileNames.Calendar);
        var datesTable = context.Feed.Table(GtfsFileNames.CalendarDates);
        foreach (var service in calendar.ServiceIds.Order(StringComparer.Ordinal))
        {
            if (calendar.LastDate(service) is { } last && last < context.Today)
            {
                var table = calendarTable?.IndexOf("service_id", service) >= 0 ? calendarTable : datesTable!;
                var row = table.IndexOf("service_id", service);
                notices.Warning("expired_calendar", new GtfsNoticeLocation(table.FileName, table.RowNumbers[row], "service_id", service),
                    $"Service {service} last runs on {last:yyyy-MM-dd}, before {context.Today:yyyy-MM-dd}.");
            }
        }
    }
}

/// <summary>missing_feed_info_date: feed_start_date and feed_end_date go together.</summary>
public sealed class MissingFeedInfoDateRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.FeedInfo) is not { RowCount: > 0 } feedInfo)
        {
            return;
        }
        var hasStart = feedInfo.Get(0, "feed_start_date").Length > 0;
        var hasEnd = feedInfo.Get(0, "feed_end_date").Length > 0;
        if (hasStart != hasEnd)
        {
            var missing = hasStart ? "feed_end_date" : "feed_start_date";
            notices.Warning("missing_feed_info_date", new GtfsNoticeLocation(GtfsFileNames.FeedInfo, feedInfo.RowNumbers[0], missing),
                $"{missing} is empty while the other date of the range is given.");
        }
    }
}

/// <summary>block_trips_with_overlapping_stop_times: two trips of one block (one vehicle) running at the same time on a same day.</summary>
public sealed class BlockTripsWithOverlappingStopTimesRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var index = context.Index;
        var st = context.Feed.StopTimes;
        if (index.Trips is not { } trips || !trips.HasColumn("block_id"))
        {
            return;
        }
        // A trip's span: departure at its first stop to arrival at its last, from stop_times.
        var spans = new Dictionary<string, List<(int Start, int End, int TripRow)>>(StringComparer.Ordinal);
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var tripRow = index.StopTimesTripRow[t];
            var rows = st.RowsOfTrip(t);
            if (tripRow < 0 || rows.Length < 2 || trips.Get(tripRow, "block_id") is not { Length: > 0 } block)
            {
                continue;
            }
            int start = st.Departure[rows[0]], end = st.Arrival[rows[^1]];
            if (start < 0 || end < 0)
            {
                continue;
            }
            if (!spans.TryGetValue(block, out var list))
            {
                spans[block] = list = [];
            }
            list.Add((start, end, tripRow));
        }
        var calendar = index.Calendar;
        foreach (var (block, list) in spans)
        {
            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count && list[j].Start < list[i].End; j++)
                {
                    var a = list[i].TripRow;
                    var b = list[j].TripRow;
                    if (calendar.ShareADate(trips.Get(a, "service_id"), trips.Get(b, "service_id")))
                    {
                        notices.Error("block_trips_with_overlapping_stop_times", new GtfsNoticeLocation(GtfsFileNames.Trips, trips.RowNumbers[b], "block_id", block),
                            $"Trips {trips.Get(a, "trip_id")} and {trips.Get(b, "trip_id")} of block {block} overlap in time on a day both run.");
                    }
                }
            }
        }
    }
}
