namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// stop_times.txt as typed columns (one array per field), so that the rules over millions of stop times are
/// linear passes over arrays. Ids are interned: <see cref="TripIndex"/> and <see cref="StopIndex"/> point into
/// <see cref="TripIds"/> and <see cref="StopIds"/>. Format errors were reported while loading; a missing
/// value is <see cref="Missing"/>, an unparsable one <see cref="Invalid"/>.
/// </summary>
public sealed class StopTimesColumns
{
    public const int Missing = -1;
    public const int Invalid = -2;

    internal StopTimesColumns(
        int count, int[] rowNumber, int[] tripIndex, int[] stopIndex, int[] stopSequence, int[] arrival, int[] departure,
        double[] shapeDistTraveled, sbyte[] timepoint, string[] tripIds, string[] stopIds)
    {
        Count = count;
        RowNumber = rowNumber;
        TripIndex = tripIndex;
        StopIndex = stopIndex;
        StopSequence = stopSequence;
        Arrival = arrival;
        Departure = departure;
        ShapeDistTraveled = shapeDistTraveled;
        Timepoint = timepoint;
        TripIds = tripIds;
        StopIds = stopIds;
        (Order, TripStart) = GroupByTrip();
    }

    public static StopTimesColumns Empty { get; } = new(0, [], [], [], [], [], [], [], [], [], []);

    public int Count { get; }

    public int[] RowNumber { get; }

    public int[] TripIndex { get; }

    /// <summary>Index into <see cref="StopIds"/>, or <see cref="Missing"/> when stop_id is empty.</summary>
    public int[] StopIndex { get; }

    public int[] StopSequence { get; }

    /// <summary>Seconds since the start of the service day.</summary>
    public int[] Arrival { get; }

    public int[] Departure { get; }

    /// <summary>NaN when absent.</summary>
    public double[] ShapeDistTraveled { get; }

    /// <summary>0, 1, or <see cref="Missing"/>.</summary>
    public sbyte[] Timepoint { get; }

    public string[] TripIds { get; }

    public string[] StopIds { get; }

    /// <summary>Row indices sorted by trip, then stop_sequence: the stop times of trip t are Order[TripStart[t]..TripStart[t + 1]].</summary>
    public int[] Order { get; }

    public int[] TripStart { get; }

    /// <summary>The rows of one trip in stop_sequence order.</summary>
    public ReadOnlySpan<int> RowsOfTrip(int tripIndex) => Order.AsSpan(TripStart[tripIndex], TripStart[tripIndex + 1] - TripStart[tripIndex]);

    private (int[] Order, int[] TripStart) GroupByTrip()
    {
        // Feeds are nearly always written sorted by trip and stop_sequence; check first so the common case stays
        // one linear pass and only unsorted feeds pay for a sort.
        var order = new int[Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var sorted = true;
        for (var i = 1; i < Count && sorted; i++)
        {
            sorted = Key(i - 1) <= Key(i);
        }
        if (!sorted)
        {
            var keys = new long[Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = Key(i);
            }
            Array.Sort(keys, order);
        }
        var tripStart = new int[TripIds.Length + 1];
        foreach (var t in TripIndex)
        {
            tripStart[t + 1]++;
        }
        for (var t = 0; t < TripIds.Length; t++)
        {
            tripStart[t + 1] += tripStart[t];
        }
        return (order, tripStart);
    }

    // Trip indices are assigned in order of first appearance, so a file sorted by trip has non-decreasing indices.
    private long Key(int row) => ((long)TripIndex[row] << 32) | (uint)(StopSequence[row] - int.MinValue);
}
