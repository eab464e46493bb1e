namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// Receives the notices of the loader and the rules. Every notice is counted, but only the first
/// <c>maxSamplesPerCode</c> of each code are kept: a broken 5 million row stop_times.txt must not turn into
/// 5 million objects in memory or in the report.
/// </summary>
public sealed class GtfsNoticeCollector
{
    private readonly int _maxSamplesPerCode;
    private readonly Dictionary<string, CodeTally> _byCode = new(StringComparer.Ordinal);
    private readonly List<GtfsNotice> _samples = [];

    public GtfsNoticeCollector(int maxSamplesPerCode = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSamplesPerCode);
        _maxSamplesPerCode = maxSamplesPerCode;
    }

    /// <summary>Notices kept as samples, in the order they were raised.</summary>
    public IReadOnlyList<GtfsNotice> Samples => _samples;

    public void Add(GtfsNotice notice)
    {
        if (!_byCode.TryGetValue(notice.Code, out var tally))
        {
            tally = new CodeTally(notice.Severity);
            _byCode.Add(notice.Code, tally);
        }
        tally.Count++;
        if (tally.Count <= _maxSamplesPerCode)
        {
            _samples.Add(notice);
        }
    }

    public void Add(string code, GtfsNoticeSeverity severity, GtfsNoticeLocation location, string message) =>
        Add(new GtfsNotice(code, severity, location, message));

    public void Error(string code, GtfsNoticeLocation location, string message) =>
        Add(code, GtfsNoticeSeverity.Error, location, message);

    public void Warning(string code, GtfsNoticeLocation location, string message) =>
        Add(code, GtfsNoticeSeverity.Warning, location, message);

    public void Info(string code, GtfsNoticeLocation location, string message) =>
        Add(code, GtfsNoticeSeverity.Info, location, message);

    /// <summary>How many notices of this code were raised (kept or not).</summary>
    public long CountOf(string code) => _byCode.TryGetValue(code, out var tally) ? tally.Count : 0;

    /// <summary>One line per code: severity and total count, most severe first, then most frequent.</summary>
    public IReadOnlyList<NoticeCodeSummary> Summarize() =>
        _byCode
            .Select(kv => new NoticeCodeSummary(kv.Key, kv.Value.Severity, kv.Value.Count))
            .OrderByDescending(s => s.Severity)
            .ThenByDescending(s => s.Count)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .ToList();

    private sealed class CodeTally(GtfsNoticeSeverity severity)
    {
        public GtfsNoticeSeverity Severity { get; } = severity;

        public long Count { get; set; }
    }
}

/// <summary>How many notices of one code a validation raised.</summary>
public sealed record NoticeCodeSummary(string Code, GtfsNoticeSeverity Severity, long Count);
