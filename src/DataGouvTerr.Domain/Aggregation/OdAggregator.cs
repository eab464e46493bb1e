using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Counts trips of one time window into (operator slice, bin, origin unit, destination unit). Single pass over the
/// trips: each is coarsened (invalid times and distances rejected and counted), keyed into a 64-bit integer and
/// appended to flat chunked arrays (8 bytes per trip); <see cref="Build"/> then counts the pairs bin by bin, so the
/// work stays linear and each bin's pairs fit in cache. (Per-pair medians are no longer computed: they had no
/// differentially private form useful at these counts, see <see cref="OdReleaseBuilder"/>.)
/// </summary>
public sealed class OdAggregator
{
    private const int UnitBits = 20;
    private const int BinBits = 18;
    private const int SliceBits = 5;
    private const long UnitMask = (1L << UnitBits) - 1;
    private const long BinMask = (1L << BinBits) - 1;

    private readonly TripCoarsener _coarsener;
    private readonly OperatorSlicing _slicing;
    private readonly ScopeClip _scope;
    private readonly long _firstBin;
    private readonly long _endBin;
    private const int ChunkBits = 20;
    private const int ChunkMask = (1 << ChunkBits) - 1;
    private readonly long[] _rejected = new long[Enum.GetValues<CoarseningOutcome>().Length + 2];
    // Accepted trips, in chunks of 2^20 so 10 M trips never need one huge array or a copy on growth.
    private readonly List<long[]> _tripKey = [];
    private int _tripCount;
    private long[] _batchKeys = [];
    private Guid _lastProvider;
    private int _lastSlice = -1;

    private const int OutsideWindow = 5;
    private const int OutsideScope = 6;

    public OdAggregator(TripCoarsener coarsener, DateTimeOffset windowStart, DateTimeOffset windowEnd, OperatorSlicing slicing, ScopeClip? scope = null)
    {
        _coarsener = coarsener;
        _slicing = slicing;
        _scope = scope ?? ScopeClip.WholeZoning(coarsener.Zoning);
        if (coarsener.Zoning.Count >= UnitMask)
        {
            throw new ArgumentException($"Zoning '{coarsener.Zoning.Id}' has too many units for the aggregation key.", nameof(coarsener));
        }
        if (slicing.Labels.Count >= 1 << SliceBits)
        {
            throw new ArgumentException("Too many operator slices for the aggregation key.", nameof(slicing));
        }
        _firstBin = coarsener.Binning.IndexOf(windowStart);
        // A window is a whole number of bins: it ends at the end of the bin holding its last instant.
        _endBin = coarsener.Binning.IndexOf(windowEnd - TimeSpan.FromTicks(1)) + 1;
        if (_endBin - _firstBin > BinMask)
        {
            throw new ArgumentException("The window holds too many bins for the aggregation key.", nameof(windowEnd));
        }
    }

    public void Add(in TripObservation trip)
    {
        Append(Classify(trip, ref _lastProvider, ref _lastSlice));
    }

    public void AddRange(IEnumerable<TripObservation> trips)
    {
        foreach (var trip in trips)
        {
            Add(trip);
        }
    }

    /// <summary>
    /// Adds a batch, coarsening it on all cores first (projection and binning are the costly, independent part)
    /// and then counting serially; the result is the same as adding the trips one by one.
    /// </summary>
    public void AddBatch(ReadOnlyMemory<TripObservation> trips)
    {
        var n = trips.Length;
        if (_batchKeys.Length < n)
        {
            _batchKeys = new long[n];
        }
        var keys = _batchKeys;
        var partitions = Math.Max(1, Math.Min(Environment.ProcessorCount, n / 65536));
        Parallel.For(0, partitions, p =>
        {
            var from = (int)((long)n * p / partitions);
            var to = (int)((long)n * (p + 1) / partitions);
            var span = trips.Span;
            var lastProvider = Guid.Empty;
            var lastSlice = -1;
            for (var i = from; i < to; i++)
            {
                keys[i] = Classify(span[i], ref lastProvider, ref lastSlice);
            }
        });
        for (var i = 0; i < n; i++)
        {
            Append(keys[i]);
        }
    }

    /// <summary>The trip's packed key, or a negative value −1 − slot for a rejection counted in that slot.</summary>
    private long Classify(in TripObservation trip, ref Guid lastProvider, ref int lastSlice)
    {
        var outcome = _coarsener.TryCoarsen(trip, out var coarse);
        if (outcome != CoarseningOutcome.Accepted)
        {
            return -1 - (int)outcome;
        }
        if (coarse.Bin < _firstBin || coarse.Bin >= _endBin)
        {
            return -1 - OutsideWindow;
        }
        var origin = _scope.Map(coarse.Origin);
        var destination = _scope.Map(coarse.Destination);
        if (origin == _scope.OutsideIndex && destination == _scope.OutsideIndex)
        {
            return -1 - OutsideScope;
        }
        if (trip.ProviderId != lastProvider || lastSlice < 0)
        {
            lastProvider = trip.ProviderId;
            lastSlice = _slicing.SliceOf(trip.ProviderId);
        }
        return ((long)lastSlice << (BinBits + (2 * UnitBits)))
            | ((coarse.Bin - _firstBin) << (2 * UnitBits))
            | ((long)origin << UnitBits)
            | (long)destination;
    }

    private void Append(long key)
    {
        if (key < 0)
        {
            _rejected[(int)(-1 - key)]++;
            return;
        }
        var chunk = _tripCount >> ChunkBits;
        if (chunk == _tripKey.Count)
        {
            _tripKey.Add(new long[1 << ChunkBits]);
        }
        var at = _tripCount & ChunkMask;
        _tripKey[chunk][at] = key;
        _tripCount++;
    }

    /// <summary>
    /// Groups the trips by (slice, bin) with a counting sort, then counts each group on its own — a group's pairs fit
    /// in cache, and groups are independent, so they run on all cores. Pairs come out sorted by slice, bin, origin,
    /// destination whatever order the trips came in.
    /// </summary>
    public OdAggregate Build()
    {
        var binCount = (int)(_endBin - _firstBin);
        var groups = _slicing.Labels.Count * binCount;
        var groupStart = new int[groups + 1];
        for (var i = 0; i < _tripCount; i++)
        {
            groupStart[GroupOf(TripKey(i), binCount) + 1]++;
        }
        for (var g = 0; g < groups; g++)
        {
            groupStart[g + 1] += groupStart[g];
        }
        var order = new int[_tripCount];
        var cursor = (int[])groupStart.Clone();
        for (var i = 0; i < _tripCount; i++)
        {
            order[cursor[GroupOf(TripKey(i), binCount)]++] = i;
        }

        var nonEmpty = Enumerable.Range(0, groups).Where(g => groupStart[g + 1] > groupStart[g]).ToArray();
        var results = new OdPairCount[nonEmpty.Length][];
        Parallel.For(0, nonEmpty.Length, () => new GroupBuffers(), (n, _, buffers) =>
        {
            var g = nonEmpty[n];
            results[n] = CountGroup(g / binCount, _firstBin + (g % binCount), order.AsSpan(groupStart[g], groupStart[g + 1] - groupStart[g]), buffers);
            return buffers;
        }, _ => { });

        return new OdAggregate
        {
            Zoning = _coarsener.Zoning,
            Binning = _coarsener.Binning,
            Scope = _scope,
            SliceLabels = _slicing.Labels,
            Pairs = [.. results.SelectMany(r => r)],
            TripsAccepted = _tripCount,
            Notices = RejectionNotices(),
        };
    }

    private long TripKey(int i) => _tripKey[i >> ChunkBits][i & ChunkMask];

    /// <summary>Dense group number: slice-major, then bin offset, so groups come in output order.</summary>
    private static int GroupOf(long key, int binCount) =>
        ((int)(key >> (BinBits + (2 * UnitBits))) * binCount) + (int)((key >> (2 * UnitBits)) & BinMask);

    private OdPairCount[] CountGroup(int slice, long bin, ReadOnlySpan<int> trips, GroupBuffers buffers)
    {
        var index = buffers.Index;
        index.Clear();
        var pairKeys = buffers.PairKeys;
        pairKeys.Clear();
        var local = buffers.Local(trips.Length);
        for (var t = 0; t < trips.Length; t++)
        {
            var pairKey = TripKey(trips[t]) & ((1L << (2 * UnitBits)) - 1);
            if (!index.TryGetValue(pairKey, out var k))
            {
                k = pairKeys.Count;
                index.Add(pairKey, k);
                pairKeys.Add(pairKey);
            }
            local[t] = k;
        }
        var keyCount = pairKeys.Count;
        var counts = new int[keyCount];
        for (var t = 0; t < trips.Length; t++)
        {
            counts[local[t]]++;
        }
        var sortedKeys = pairKeys.ToArray();
        var keyOrder = new int[keyCount];
        for (var k = 0; k < keyCount; k++)
        {
            keyOrder[k] = k;
        }
        Array.Sort(sortedKeys, keyOrder);
        var pairs = new OdPairCount[keyCount];
        for (var j = 0; j < keyCount; j++)
        {
            pairs[j] = new OdPairCount(slice, bin,
                (int)((sortedKeys[j] >> UnitBits) & UnitMask),
                (int)(sortedKeys[j] & UnitMask),
                counts[keyOrder[j]]);
        }
        return pairs;
    }

    /// <summary>Per-thread scratch space reused across groups.</summary>
    private sealed class GroupBuffers
    {
        private int[] _local = [];

        public Dictionary<long, int> Index { get; } = [];

        public List<long> PairKeys { get; } = [];

        public int[] Local(int length)
        {
            if (_local.Length < length)
            {
                _local = new int[length];
            }
            return _local;
        }
    }

    private List<Notice> RejectionNotices()
    {
        var notices = new List<Notice>();
        void Add(int slot, string code, NoticeSeverity severity, string what)
        {
            if (_rejected[slot] > 0)
            {
                notices.Add(new Notice(code, severity, new NoticeLocation("trips", Field: code), $"{_rejected[slot]} trip(s) not counted: {what}."));
            }
        }
        Add((int)CoarseningOutcome.InvalidTime, "trip_invalid_time", NoticeSeverity.Warning, "end before start or invalid duration");
        Add((int)CoarseningOutcome.InvalidCoordinates, "trip_invalid_coordinates", NoticeSeverity.Warning, "a coordinate is not a valid WGS84 position");
        Add((int)CoarseningOutcome.InvalidDistance, "trip_invalid_distance", NoticeSeverity.Warning, "negative or non-finite distance");
        Add((int)CoarseningOutcome.OutsideZoning, "trip_outside_zoning", NoticeSeverity.Info, $"starts or ends outside zoning '{_coarsener.Zoning.Id}'");
        Add(OutsideWindow, "trip_outside_window", NoticeSeverity.Info, "starts outside the aggregated window");
        Add(OutsideScope, "trip_outside_scope", NoticeSeverity.Info, "starts and ends outside the member's scope");
        return notices;
    }
}
