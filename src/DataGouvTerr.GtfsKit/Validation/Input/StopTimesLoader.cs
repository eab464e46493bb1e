using nietras.SeparatedValues;

namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// Reads stop_times.txt straight into <see cref="StopTimesColumns"/>: one pass, no string per cell (ids are
/// looked up by span and interned), format problems reported as they are met since the raw text is not kept.
/// </summary>
internal sealed class StopTimesLoader
{
    private const string File = GtfsFileNames.StopTimes;

    private readonly GtfsNoticeCollector _notices;
    private readonly GtfsRawFeedLoader _checks;

    public StopTimesLoader(GtfsNoticeCollector notices)
    {
        _notices = notices;
        _checks = new GtfsRawFeedLoader(new GtfsValidationOptions(), notices);
    }

    public (IReadOnlyList<string>? Header, StopTimesColumns Columns) Load(TextReader text)
    {
        using var reader = GtfsRawFeedLoader.OpenCsv(text);
        if (_checks.ReadHeader(File, reader) is not { } header)
        {
            return (null, StopTimesColumns.Empty);
        }
        int Col(string name) => Array.IndexOf(header, name);
        int tripCol = Col("trip_id"), stopCol = Col("stop_id"), seqCol = Col("stop_sequence"), arrCol = Col("arrival_time"),
            depCol = Col("departure_time"), distCol = Col("shape_dist_traveled"), tpCol = Col("timepoint"),
            pickupCol = Col("pickup_type"), dropOffCol = Col("drop_off_type");
        // GTFS-Flex trips stop at location groups or zones instead of stop_id.
        var flex = Col("location_group_id") >= 0 || Col("location_id") >= 0;

        var tripIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var stopIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var tripLookup = tripIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var stopLookup = stopIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var b = new Builder(1024);

        foreach (var row in reader)
        {
            if (!_checks.CheckRowLength(File, row, header.Length))
            {
                continue;
            }
            var line = row.LineNumberFrom;
            var i = b.Next();
            b.RowNumber[i] = line;

            var tripId = Value(row, tripCol, line, "trip_id");
            if (tripId.Length == 0 && tripCol >= 0)
            {
                MissingField(line, "trip_id");
            }
            b.TripIndex[i] = Intern(tripLookup, tripIds, tripId);

            var stopId = Value(row, stopCol, line, "stop_id");
            if (stopId.Length == 0 && stopCol >= 0 && !flex)
            {
                MissingField(line, "stop_id");
            }
            b.StopIndex[i] = stopId.Length == 0 ? StopTimesColumns.Missing : Intern(stopLookup, stopIds, stopId);

            var sequence = Value(row, seqCol, line, "stop_sequence");
            if (sequence.Length == 0)
            {
                if (seqCol >= 0)
                {
                    MissingField(line, "stop_sequence");
                }
                b.StopSequence[i] = StopTimesColumns.Missing;
            }
            else if (!GtfsFieldParser.TryParseInt(sequence, out var seq))
            {
                _notices.Error("invalid_integer", new GtfsNoticeLocation(File, line, "stop_sequence", sequence.ToString()), "stop_sequence is not an integer.");
                b.StopSequence[i] = StopTimesColumns.Invalid;
            }
            else
            {
                if (seq < 0)
                {
                    _notices.Error("number_out_of_range", new GtfsNoticeLocation(File, line, "stop_sequence", sequence.ToString()), "stop_sequence must not be negative.");
                }
                b.StopSequence[i] = seq;
            }

            b.Arrival[i] = Time(row, arrCol, line, "arrival_time");
            b.Departure[i] = Time(row, depCol, line, "departure_time");
            b.ShapeDist[i] = Distance(row, distCol, line);
            b.Timepoint[i] = (sbyte)Enum(row, tpCol, line, "timepoint", 1);
            Enum(row, pickupCol, line, "pickup_type", 3);
            Enum(row, dropOffCol, line, "drop_off_type", 3);
        }

        var tripNames = new string[tripIds.Count];
        foreach (var (id, index) in tripIds)
        {
            tripNames[index] = id;
        }
        var stopNames = new string[stopIds.Count];
        foreach (var (id, index) in stopIds)
        {
            stopNames[index] = id;
        }
        var n = b.Count;
        return (header, new StopTimesColumns(n, b.RowNumber[..n], b.TripIndex[..n], b.StopIndex[..n], b.StopSequence[..n],
            b.Arrival[..n], b.Departure[..n], b.ShapeDist[..n], b.Timepoint[..n], tripNames, stopNames));
    }

    private ReadOnlySpan<char> Value(SepReader.Row row, int col, int line, string field) =>
        col < 0 ? default : _checks.CheckValue(File, line, field, row[col].Span);

    private static int Intern(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, Dictionary<string, int> ids, ReadOnlySpan<char> id)
    {
        if (!lookup.TryGetValue(id, out var index))
        {
            index = ids.Count;
            lookup[id] = index;
        }
        return index;
    }

    private int Time(SepReader.Row row, int col, int line, string field)
    {
        var value = Value(row, col, line, field);
        if (value.Length == 0)
        {
            return StopTimesColumns.Missing;
        }
        if (GtfsFieldParser.TryParseTime(value, out var seconds))
        {
            return seconds;
        }
        _notices.Error("invalid_time", new GtfsNoticeLocation(File, line, field, value.ToString()), $"{field} is not a time in HH:MM:SS.");
        return StopTimesColumns.Invalid;
    }

    private double Distance(SepReader.Row row, int col, int line)
    {
        var value = Value(row, col, line, "shape_dist_traveled");
        if (value.Length == 0)
        {
            return double.NaN;
        }
        if (!GtfsFieldParser.TryParseDouble(value, out var distance))
        {
            _notices.Error("invalid_float", new GtfsNoticeLocation(File, line, "shape_dist_traveled", value.ToString()), "shape_dist_traveled is not a number.");
            return double.NaN;
        }
        if (distance < 0)
        {
            _notices.Error("number_out_of_range", new GtfsNoticeLocation(File, line, "shape_dist_traveled", value.ToString()), "shape_dist_traveled must not be negative.");
        }
        return distance;
    }

    private int Enum(SepReader.Row row, int col, int line, string field, int max)
    {
        var value = Value(row, col, line, field);
        if (value.Length == 0)
        {
            return StopTimesColumns.Missing;
        }
        if (!GtfsFieldParser.TryParseInt(value, out var parsed))
        {
            _notices.Error("invalid_integer", new GtfsNoticeLocation(File, line, field, value.ToString()), $"{field} is not an integer.");
            return StopTimesColumns.Invalid;
        }
        if (parsed < 0 || parsed > max)
        {
            _notices.Warning("unexpected_enum_value", new GtfsNoticeLocation(File, line, field, value.ToString()), $"{field} must be between 0 and {max}.");
        }
        return parsed;
    }

    private void MissingField(int line, string field) =>
        _notices.Error("missing_required_field", new GtfsNoticeLocation(File, line, field), $"{field} is required and empty.");

    /// <summary>Growable column arrays (doubling), trimmed once at the end.</summary>
    private sealed class Builder(int capacity)
    {
        public int Count { get; private set; }

        public int[] RowNumber = new int[capacity];
        public int[] TripIndex = new int[capacity];
        public int[] StopIndex = new int[capacity];
        public int[] StopSequence = new int[capacity];
        public int[] Arrival = new int[capacity];
        public int[] Departure = new int[capacity];
        public double[] ShapeDist = new double[capacity];
        public sbyte[] Timepoint = new sbyte[capacity];

        public int Next()
        {
            if (Count == RowNumber.Length)
            {
                var size = RowNumber.Length * 2;
                Array.Resize(ref RowNumber, size);
                Array.Resize(ref TripIndex, size);
                Array.Resize(ref StopIndex, size);
                Array.Resize(ref StopSequence, size);
                Array.Resize(ref Arrival, size);
                Array.Resize(ref Departure, size);
                Array.Resize(ref ShapeDist, size);
                Array.Resize(ref Timepoint, size);
            }
            return Count++;
        }
    }
}
