using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// One validation rule: reads the feed through the context and raises notices. A rule that throws is turned into
/// a runtime_exception_in_validator_error notice by <see cref="GtfsValidator"/> and the other rules still run.
/// </summary>
public interface IGtfsRule
{
    void Run(GtfsValidationContext context, GtfsNoticeCollector notices);
}

/// <summary>What a rule needs: the feed, the options, the date expiry is measured from, and shared indexes.</summary>
public sealed class GtfsValidationContext
{
    private GtfsFeedIndex? _index;

    public GtfsValidationContext(GtfsRawFeed feed, GtfsValidationOptions options, DateOnly today)
    {
        Feed = feed;
        Options = options;
        Today = today;
    }

    public GtfsRawFeed Feed { get; }

    public GtfsValidationOptions Options { get; }

    public DateOnly Today { get; }

    /// <summary>Lookups built once and shared by the rules (stops by id, trips by id, routes…).</summary>
    public GtfsFeedIndex Index => _index ??= new GtfsFeedIndex(Feed);
}
