using System.Diagnostics;
using DataGouvTerr.GtfsKit.Validation.Input;
using DataGouvTerr.GtfsKit.Validation.Rules;

namespace DataGouvTerr.GtfsKit.Validation;

/// <summary>
/// Validates a GTFS feed (zip or folder): reads it (parse problems become notices), runs every rule, and returns
/// a <see cref="ValidationReport"/>. A rule that throws becomes a runtime_exception_in_validator_error notice and
/// the others still run. Usage: <c>GtfsValidator.Validate("feed.zip", new GtfsValidationOptions { Today = … })</c>.
/// </summary>
public static class GtfsValidator
{
    public const string RuleCrashCode = "runtime_exception_in_validator_error";

    /// <summary>All rules, in the order they run.</summary>
    public static IReadOnlyList<IGtfsRule> DefaultRules() => GtfsRules.All();

    public static ValidationReport Validate(string feedPath, GtfsValidationOptions? options = null)
    {
        options ??= new GtfsValidationOptions();
        var notices = new GtfsNoticeCollector(options.MaxSamplesPerCode);
        var feed = new GtfsRawFeedLoader(options, notices).Load(feedPath);
        return Validate(feed, options, notices);
    }

    /// <summary>Validates an already loaded feed; <paramref name="notices"/> may hold the loader's notices.</summary>
    public static ValidationReport Validate(GtfsRawFeed feed, GtfsValidationOptions options, GtfsNoticeCollector? notices = null)
    {
        notices ??= new GtfsNoticeCollector(options.MaxSamplesPerCode);
        var validatedAt = options.TimeProvider.GetUtcNow();
        var today = options.Today ?? TodayInFeedTimeZone(feed, validatedAt);
        var context = new GtfsValidationContext(feed, options, today);
        var failed = new List<string>();
        foreach (var rule in options.Rules ?? DefaultRules())
        {
            var name = rule.GetType().Name;
            var watch = Stopwatch.StartNew();
            try
            {
                rule.Run(context, notices);
            }
            catch (Exception e)
            {
                failed.Add(name);
                notices.Error(RuleCrashCode, new GtfsNoticeLocation(name),
                    $"Rule {name} failed with {e.GetType().Name}: {e.Message}. Its checks are missing from this report.");
            }
            options.Progress?.Report($"{name} {watch.ElapsedMilliseconds} ms");
        }

        var rowCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in feed.Tables.Keys)
        {
            rowCounts[name] = feed.RowCountOf(name);
        }
        if (feed.StopTimesHeader is not null)
        {
            rowCounts[GtfsFileNames.StopTimes] = feed.StopTimes.Count;
        }
        return new ValidationReport
        {
            Feed = feed.Source,
            ValidatedAt = validatedAt,
            Today = today,
            Summary = notices.Summarize(),
            Notices = notices.Samples,
            RowCounts = rowCounts,
            FailedRules = failed,
        };
    }

    /// <summary>The service day is the agency's: a feed checked at 23:30 UTC in Nouméa is already tomorrow there.</summary>
    private static DateOnly TodayInFeedTimeZone(GtfsRawFeed feed, DateTimeOffset now)
    {
        var zoneId = feed.Table(GtfsFileNames.Agency) is { RowCount: > 0 } agency ? agency.Get(0, "agency_timezone") : string.Empty;
        var local = zoneId.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
            ? TimeZoneInfo.ConvertTime(now, zone)
            : now;
        return DateOnly.FromDateTime(local.DateTime);
    }
}
