using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Ingestion.Mds.Freshness;

/// <summary>One hour of the report; <see cref="HourStart"/> is UTC.</summary>
public sealed record MdsFreshnessHour(DateTimeOffset HourStart, int Events, int Telemetry, int Trips, int LagP50Minutes, int LagP95Minutes, int LagMaxMinutes);

/// <summary>
/// Freshness and coverage of one MDS feed over a window of whole hours: coverage is the share of the window's hours
/// that have at least one item (event, telemetry point or trip end); lag figures are per hour (minutes).
/// </summary>
public sealed record MdsFreshnessReport(
    string FeedId,
    DateTimeOffset From,
    DateTimeOffset To,
    int HoursInWindow,
    int HoursWithData,
    double CoveragePercent,
    int? MedianHourlyLagP50Minutes,
    int? WorstHourlyLagP95Minutes,
    int? MaxLagMinutes,
    IReadOnlyList<MdsFreshnessHour> Hours);

/// <summary>The verdict on one obligation over a window, with the measured figure and the threshold.</summary>
public sealed record MdsObligationCheck(string ObligationId, ObligationKind Kind, bool Met, double Measured, double Threshold, string Explanation);

/// <summary>
/// Reads the recorded hours (<see cref="MdsFeedHour"/>) of a feed and judges the contract's MDS obligations on them:
/// <see cref="ObligationKind.DataFreshness"/> is met when no hour with data has a 95th-percentile lag over
/// <c>max_lag_minutes</c>; <see cref="ObligationKind.Coverage"/> when the share of hours with data reaches
/// <c>min_coverage_percent</c>. Night hours count: the contract's threshold is where an operator's quiet hours go.
/// </summary>
public sealed class MdsFreshnessQuery(HubDbContext db)
{
    public async Task<MdsFreshnessReport> GetAsync(string feedId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        var rows = await db.Set<MdsFeedHour>().AsNoTracking()
            .Where(h => h.FeedId == feedId && h.HourStartMs >= fromMs && h.HourStartMs < toMs)
            .OrderBy(h => h.HourStartMs)
            .ToListAsync(ct);
        var withData = rows.Where(h => h.ItemCount > 0).ToList();
        var hoursInWindow = (int)Math.Max(0, Math.Ceiling((to - from).TotalHours));
        var hourlyP50 = withData.Select(h => h.LagP50Minutes).Order().ToList();
        return new MdsFreshnessReport(
            feedId, from, to, hoursInWindow, withData.Count,
            hoursInWindow == 0 ? 0 : Math.Round(100.0 * withData.Count / hoursInWindow, 2),
            hourlyP50.Count == 0 ? null : hourlyP50[hourlyP50.Count / 2],
            withData.Count == 0 ? null : withData.Max(h => h.LagP95Minutes),
            withData.Count == 0 ? null : withData.Max(h => h.LagMaxMinutes),
            [.. withData.Select(h => new MdsFreshnessHour(
                DateTimeOffset.FromUnixTimeMilliseconds(h.HourStartMs), h.EventCount, h.TelemetryCount, h.TripCount,
                h.LagP50Minutes, h.LagP95Minutes, h.LagMaxMinutes))]);
    }

    /// <summary>Judges a DataFreshness or Coverage obligation on a feed over [from, to); null for other kinds.</summary>
    public async Task<MdsObligationCheck?> JudgeAsync(Obligation obligation, string feedId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var report = await GetAsync(feedId, from, to, ct);
        switch (obligation.Kind)
        {
            case ObligationKind.DataFreshness when obligation.MaxLagMinutes is { } maxLag:
                var late = report.Hours.Count(h => h.LagP95Minutes > maxLag);
                var worst = report.WorstHourlyLagP95Minutes ?? 0;
                return new MdsObligationCheck(obligation.Id, obligation.Kind, late == 0, worst, maxLag,
                    late == 0
                        ? $"Every hour with data had 95 % of items within {maxLag} min (worst hour: {worst} min)."
                        : $"{late} hour(s) had a 95th-percentile lag over {maxLag} min (worst: {worst} min).");
            case ObligationKind.Coverage when obligation.MinCoveragePercent is { } minCoverage:
                return new MdsObligationCheck(obligation.Id, obligation.Kind, report.CoveragePercent >= minCoverage, report.CoveragePercent, minCoverage,
                    $"{report.HoursWithData} of {report.HoursInWindow} hours had data ({report.CoveragePercent} %, {minCoverage} % required).");
            default:
                return null;
        }
    }
}
