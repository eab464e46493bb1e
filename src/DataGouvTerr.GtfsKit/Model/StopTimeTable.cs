namespace DataGouvTerr.GtfsKit.Model;

/// <summary>
/// stop_times.txt stored column by column (struct arrays, no object per row) so feeds with millions of rows stay compact.
/// Ids are interned in <see cref="TripIds"/> and <see cref="StopIds"/>; an id may be absent from trips.txt/stops.txt
/// (the validator reports that). Missing numbers are -1 for enums, int.MinValue for stop_sequence, NaN for distances.
/// </summary>
public sealed class StopTimeTable
{
    private int[]? _tripOrder;
    private int[]? _tripStarts;

    internal StopTimeTable(
        IdPool tripIds, IdPool stopIds, IdPool headsigns, int[] tripIndex, int[] stopIndex, int[] stopSequence,
        GtfsTime[] arrivalTime, GtfsTime[] departureTime, double[] shapeDistTraveled, sbyte[] pickupType,
        sbyte[] dropOffType, sbyte[] timepoint, sbyte[] continuousPickup, sbyte[] continuousDropOff,
        int[] headsignIndex, int[] rowNumber)
    {
        TripIds = tripIds;
        StopIds = stopIds;
        Headsigns = headsigns;
        TripIndex = tripIndex;
        StopIndex = stopIndex;
        StopSequence = stopSequence;
        ArrivalTime = arrivalTime;
        DepartureTime = departureTime;
        ShapeDistTraveled = shapeDistTraveled;
        PickupType = pickupType;
        DropOffType = dropOffType;
        Timepoint = timepoint;
        ContinuousPickup = continuousPickup;
        ContinuousDropOff = continuousDropOff;
        HeadsignIndex = headsignIndex;
        RowNumber = rowNumber;
    }

    public static StopTimeTable Empty { get; } = new(
        new IdPool(), new IdPool(), new IdPool(), [], [], [], [], [], [], [], [], [], [], [], [], []);

    public int Count => TripIndex.Length;

    public IdPool TripIds { get; }
    public IdPool StopIds { get; }

    /// <summary>Distinct stop_headsign values; index 0 is the empty headsign.</summary>
    public IdPool Headsigns { get; }

    public int[] TripIndex { get; }
    public int[] StopIndex { get; }

    /// <summary>stop_sequence, int.MinValue when missing or unparseable.</summary>
    public int[] StopSequence { get; }

    public GtfsTime[] ArrivalTime { get; }
    public GtfsTime[] DepartureTime { get; }

    /// <summary>shape_dist_traveled in the feed's own units, NaN when missing.</summary>
    public double[] ShapeDistTraveled { get; }

    public sbyte[] PickupType { get; }
    public sbyte[] DropOffType { get; }
    public sbyte[] Timepoint { get; }
    public sbyte[] ContinuousPickup { get; }
    public sbyte[] ContinuousDropOff { get; }
    public int[] HeadsignIndex { get; }

    /// <summary>CSV row number (header = 1) of each stop time, for notices.</summary>
    public int[] RowNumber { get; }

    /// <summary>Whether any row has a shape_dist_traveled value (gtfs_kit's is_not_null test).</summary>
    public bool HasShapeDistTraveled => ShapeDistTraveled.Any(d => !double.IsNaN(d));

    public StopTimeRow this[int row] => new(this, row);

    /// <summary>
    /// Row indices ordered by trip (pool index) then stop_sequence, computed once; most feeds are already in that order
    /// and then no sort happens. Ties keep file order (stable), as pandas' sort_values does for our purposes.
    /// </summary>
    public ReadOnlySpan<int> TripOrder
    {
        get
        {
            EnsureTripOrder();
            return _tripOrder;
        }
    }

    /// <summary>For pool trip index t, its rows are TripOrder[TripStarts[t]..TripStarts[t+1]].</summary>
    public ReadOnlySpan<int> TripStarts
    {
        get
        {
            EnsureTripOrder();
            return _tripStarts;
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_tripOrder), nameof(_tripStarts))]
    private void EnsureTripOrder()
    {
        if (_tripOrder is not null && _tripStarts is not null)
        {
            return;
        }

        var n = Count;
        var tripCount = TripIds.Count;
        // Counting sort by trip, then sort each trip's slice by stop_sequence (slices are tiny and usually sorted).
        var starts = new int[tripCount + 1];
        foreach (var t in TripIndex)
        {
            starts[t + 1]++;
        }

        for (var t = 0; t < tripCount; t++)
        {
            starts[t + 1] += starts[t];
        }

        var next = new int[tripCount];
        Array.Copy(starts, next, tripCount);
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[next[TripIndex[i]]++] = i;
        }

        var seq = StopSequence;
        for (var t = 0; t < tripCount; t++)
        {
            var slice = order.AsSpan(starts[t], starts[t + 1] - starts[t]);
            var sorted = true;
            for (var k = 1; k < slice.Length; k++)
            {
                if (seq[slice[k]] < seq[slice[k - 1]])
                {
                    sorted = false;
                    break;
                }
            }

            if (!sorted)
            {
                // Insertion sort keeps equal sequences in file order.
                for (var k = 1; k < slice.Length; k++)
                {
                    var v = slice[k];
                    var j = k - 1;
                    while (j >= 0 && seq[slice[j]] > seq[v])
                    {
                        slice[j + 1] = slice[j];
                        j--;
                    }

                    slice[j + 1] = v;
                }
            }
        }

        _tripStarts = starts;
        _tripOrder = order;
    }
}

/// <summary>A view of one stop_times row, for code that prefers named fields over columns.</summary>
public readonly struct StopTimeRow(StopTimeTable table, int row)
{
    public int Index => row;
    public int RowNumber => table.RowNumber[row];
    public string TripId => table.TripIds[table.TripIndex[row]];
    public string StopId => table.StopIds[table.StopIndex[row]];
    public int? StopSequence => table.StopSequence[row] == int.MinValue ? null : table.StopSequence[row];
    public GtfsTime ArrivalTime => table.ArrivalTime[row];
    public GtfsTime DepartureTime => table.DepartureTime[row];
    public double? ShapeDistTraveled => double.IsNaN(table.ShapeDistTraveled[row]) ? null : table.ShapeDistTraveled[row];
    public int? PickupType => table.PickupType[row] < 0 ? null : table.PickupType[row];
    public int? DropOffType => table.DropOffType[row] < 0 ? null : table.DropOffType[row];
    public int? Timepoint => table.Timepoint[row] < 0 ? null : table.Timepoint[row];
    public int? ContinuousPickup => table.ContinuousPickup[row] < 0 ? null : table.ContinuousPickup[row];
    public int? ContinuousDropOff => table.ContinuousDropOff[row] < 0 ? null : table.ContinuousDropOff[row];
    public string StopHeadsign => table.Headsigns[table.HeadsignIndex[row]];
}
