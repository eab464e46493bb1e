using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// Counts trips of one time window into (operator slice, bin, origin unit, destination unit) with the median
/// duration and distance of each pair. Single pass over the trips: each is coarsened, keyed into a 64-bit
/// integer and appended to flat arrays; medians are taken at the end after a counting sort by key, so memory is
/// 12 bytes per trip plus the keys and the work stays linear.
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
    private readonly Dictionary<long, int> _keyIndex = [];
    private readonly List<long> _keys = [];
    private readonly long[] _rejected = new long[Enum.GetValues<CoarseningOutcome>().Length + 2];
    private int[] _tripKey = new int[1024];
    private int[] _tripDuration = new int[1024];
    private int[] _tripDistance = new int[1024];
    private int _tripCount;
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
        var outcome = _coarsener.TryCoarsen(trip, out var coarse);
        if (outcome != CoarseningOutcome.Accepted)
        {
            _rejected[(int)outcome]++;
            return;
        }
        if (coarse.Bin < _firstBin || coarse.Bin >= _endBin)
        {
            _rejected[OutsideWindow]++;
            return;
        }
        var origin = _scope.Map(coarse.Origin);
        var destination = _scope.Map(coarse.Destination);
        if (origin == _scope.OutsideIndex && destination == _scope.OutsideIndex)
        {
            _rejected[OutsideScope]++;
            return;
        }
        if (trip.ProviderId != _lastProvider || _lastSlice < 0)
        {
            _lastProvider = trip.ProviderId;
            _lastSlice = _slicing.SliceOf(trip.ProviderId);
        }
        var key = ((long)_lastSlice << (BinBits + (2 * UnitBits)))
            | ((coarse.Bin - _firstBin) << (2 * UnitBits))
            | ((long)origin << UnitBits)
            | (long)destination;
        if (!_keyIndex.TryGetValue(key, out var index))
        {
            index = _keys.Count;
            _keyIndex.Add(key, index);
            _keys.Add(key);
        }
        if (_tripCount == _tripKey.Length)
        {
            Array.Resize(ref _tripKey, _tripCount * 2);
            Array.Resize(ref _tripDuration, _tripCount * 2);
            Array.Resize(ref _tripDistance, _tripCount * 2);
        }
        _tripKey[_tripCount] = index;
        _tripDuration[_tripCount] = coarse.DurationSeconds;
        _tripDistance[_tripCount] = coarse.DistanceMeters;
        _tripCount++;
    }

    public void AddRange(IEnumerable<TripObservation> trips)
    {
        foreach (var trip in trips)
        {
            Add(trip);
        }
    }

    public OdAggregate Build()
    {
        var keyCount = _keys.Count;
        var offsets = new int[keyCount + 1];
        for (var i = 0; i < _tripCount; i++)
        {
            offsets[_tripKey[i] + 1]++;
        }
        for (var k = 0; k < keyCount; k++)
        {
            offsets[k + 1] += offsets[k];
        }
        // Counting sort of the measures by key, so each pair's values are contiguous for its median.
        var durations = new int[_tripCount];
        var distances = new int[_tripCount];
        var cursor = (int[])offsets.Clone();
        for (var i = 0; i < _tripCount; i++)
        {
            var at = cursor[_tripKey[i]]++;
            durations[at] = _tripDuration[i];
            distances[at] = _tripDistance[i];
        }

        var order = new int[keyCount];
        var sortedKeys = _keys.ToArray();
        for (var k = 0; k < keyCount; k++)
        {
            order[k] = k;
        }
        Array.Sort(sortedKeys, order);

        var pairs = new OdPairCount[keyCount];
        for (var j = 0; j < keyCount; j++)
        {
            var k = order[j];
            var key = sortedKeys[j];
            var from = offsets[k];
            var count = offsets[k + 1] - from;
            pairs[j] = new OdPairCount(
                (int)(key >> (BinBits + (2 * UnitBits))),
                _firstBin + ((key >> (2 * UnitBits)) & BinMask),
                (int)((key >> UnitBits) & UnitMask),
                (int)(key & UnitMask),
                count,
                Median.Of(durations.AsSpan(from, count)),
                Median.Of(distances.AsSpan(from, count)));
        }

        return new OdAggregate
        {
            Zoning = _coarsener.Zoning,
            Binning = _coarsener.Binning,
            Scope = _scope,
            SliceLabels = _slicing.Labels,
            Pairs = pairs,
            TripsAccepted = _tripCount,
            Notices = RejectionNotices(),
        };
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
