using DataGouvTerr.GtfsKit.Validation.Input;
using DataGouvTerr.GtfsKit.Validation.Schema;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>duplicate_key: two records with the same primary key (stop_times: same trip_id and stop_sequence).</summary>
public sealed class DuplicateKeyRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var table in context.Feed.Tables.Values)
        {
            if (GtfsSchema.Find(table.FileName) is not { PrimaryKey.Count: > 0 } spec || spec.PrimaryKey.Any(k => !table.HasColumn(k)))
            {
                continue;
            }
            var columns = spec.PrimaryKey.Select(k => table.Column(k)!).ToArray();
            var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var row = 0; row < table.RowCount; row++)
            {
                // Records with an empty key part are missing_required_field, not duplicates.
                if (columns.Any(c => c[row].Length == 0))
                {
                    continue;
                }
                var key = columns.Length == 1 ? columns[0][row] : string.Join('\u001f', columns.Select(c => c[row]));
                if (!firstRow.TryAdd(key, row))
                {
                    notices.Error("duplicate_key", new GtfsNoticeLocation(table.FileName, table.RowNumbers[row], string.Join(",", spec.PrimaryKey), key.Replace('\u001f', ',')),
                        $"Same {string.Join(" and ", spec.PrimaryKey)} as row {table.RowNumbers[firstRow[key]]}.");
                }
            }
        }

        // stop_times: rows of a trip are sorted by stop_sequence, so duplicates are neighbours.
        var st = context.Feed.StopTimes;
        for (var t = 0; t < st.TripIds.Length; t++)
        {
            var rows = st.RowsOfTrip(t);
            for (var i = 1; i < rows.Length; i++)
            {
                int a = rows[i - 1], b = rows[i];
                if (st.StopSequence[b] >= 0 && st.StopSequence[a] == st.StopSequence[b])
                {
                    notices.Error("duplicate_key", new GtfsNoticeLocation(GtfsFileNames.StopTimes, st.RowNumber[b], "trip_id,stop_sequence", $"{st.TripIds[t]},{st.StopSequence[b]}"),
                        $"Same trip_id and stop_sequence as row {st.RowNumber[a]}.");
                }
            }
        }
    }
}

/// <summary>foreign_key_violation: a reference to an id that the referenced file does not define.</summary>
public sealed class ForeignKeyRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        var feed = context.Feed;
        var keySets = new Dictionary<(string File, string Field), HashSet<string>?>();
        HashSet<string>? Keys(string file, string field)
        {
            if (!keySets.TryGetValue((file, field), out var set))
            {
                set = feed.Table(file)?.Column(field) is { } values ? new HashSet<string>(values, StringComparer.Ordinal) : null;
                keySets[(file, field)] = set;
            }
            return set;
        }

        foreach (var table in feed.Tables.Values)
        {
            if (GtfsSchema.Find(table.FileName) is not { } spec)
            {
                continue;
            }
            foreach (var field in spec.Fields.Where(f => f.ForeignFile is not null))
            {
                if (table.Column(field.Name) is not { } values)
                {
                    continue;
                }
                // A reference to an absent optional file (shapes.txt, levels.txt) is still a broken reference.
                var keys = Keys(field.ForeignFile!, field.ForeignField!) ?? [];
                for (var row = 0; row < values.Count; row++)
                {
                    if (values[row].Length > 0 && !keys.Contains(values[row]))
                    {
                        Report(notices, table.FileName, table.RowNumbers[row], field.Name, values[row], field.ForeignFile!, field.ForeignField!);
                    }
                }
            }
        }

        CheckServiceIds(feed, notices);
        CheckStopTimes(context, notices);
    }

    private static void CheckServiceIds(GtfsRawFeed feed, GtfsNoticeCollector notices)
    {
        // service_id may be defined by calendar.txt, calendar_dates.txt or both.
        if (feed.Table(GtfsFileNames.Trips) is not { } trips || trips.Column("service_id") is not { } serviceIds)
        {
            return;
        }
        var known = new HashSet<string>(StringComparer.Ordinal);
        known.UnionWith(feed.Table(GtfsFileNames.Calendar)?.Column("service_id") ?? []);
        known.UnionWith(feed.Table(GtfsFileNames.CalendarDates)?.Column("service_id") ?? []);
        for (var row = 0; row < serviceIds.Count; row++)
        {
            if (serviceIds[row].Length > 0 && !known.Contains(serviceIds[row]))
            {
                Report(notices, GtfsFileNames.Trips, trips.RowNumbers[row], "service_id", serviceIds[row], "calendar.txt or calendar_dates.txt", "service_id");
            }
        }
    }

    private static void CheckStopTimes(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        // Check each distinct id once, then report every row that uses a broken one: one pass over the columns.
        var st = context.Feed.StopTimes;
        var index = context.Index;
        var badTrip = index.StopTimesTripRow.Select(r => r < 0).ToArray();
        var badStop = index.StopTimesStopRow.Select(r => r < 0).ToArray();
        if (!badTrip.Contains(true) && !badStop.Contains(true))
        {
            return;
        }
        for (var i = 0; i < st.Count; i++)
        {
            if (badTrip[st.TripIndex[i]] && st.TripIds[st.TripIndex[i]].Length > 0)
            {
                Report(notices, GtfsFileNames.StopTimes, st.RowNumber[i], "trip_id", st.TripIds[st.TripIndex[i]], GtfsFileNames.Trips, "trip_id");
            }
            if (st.StopIndex[i] >= 0 && badStop[st.StopIndex[i]])
            {
                Report(notices, GtfsFileNames.StopTimes, st.RowNumber[i], "stop_id", st.StopIds[st.StopIndex[i]], GtfsFileNames.Stops, "stop_id");
            }
        }
    }

    private static void Report(GtfsNoticeCollector notices, string file, int row, string field, string value, string parentFile, string parentField) =>
        notices.Error("foreign_key_violation", new GtfsNoticeLocation(file, row, field, value),
            $"{field} '{value}' is not a {parentField} of {parentFile}.");
}
