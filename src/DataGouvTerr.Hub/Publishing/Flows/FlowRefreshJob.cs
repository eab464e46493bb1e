using System.Globalization;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing.Releases;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Recurring: enqueues <see cref="FlowAggregationJob"/> for the days whose windows may now be due (the look-back
/// plus the longest delay of any right, so a week-late right is released when its embargo ends), and for every day,
/// however old, holding a release built under a right that is no longer the one in force. Late data does not
/// enqueue anything: a released window is never re-aggregated (see the README's release lifecycle). Days are days of
/// the territory's legal time, like the windows they name.
/// </summary>
public sealed class FlowRefreshJob(HubDbContext db, IContractProvider contracts, RightFingerprints fingerprints, IBackgroundJobClient jobs,
    IOptions<FlowsOptions> options, TimeProvider clock)
{
    public const string RecurringId = "dgt:flows:refresh";
    public const string DefaultCron = "15 * * * *";
    private const int StateId = 1;

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = Domain.Aggregation.TerritoryTime.Paris;
        var contract = await contracts.GetCurrentAsync(cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var longestDelayDays = contract.Rights.Select(r => (int)Math.Ceiling(r.Delay.TotalDays)).DefaultIfEmpty(0).Max();
        var days = new SortedSet<DateOnly>();
        for (var d = 0; d <= options.Value.LookbackDays + longestDelayDays + 1; d++)
        {
            days.Add(today.AddDays(-d));
        }
        foreach (var windowStartMs in await StaleWindowsAsync(db, contract, fingerprints, now, cancellationToken))
        {
            days.Add(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(windowStartMs), zone).DateTime));
        }
        foreach (var day in days)
        {
            var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            jobs.Enqueue<FlowAggregationJob>(j => j.RunAsync(text, CancellationToken.None));
        }
        var state = await db.Set<FlowRefreshState>().FindAsync([StateId], cancellationToken);
        if (state is null)
        {
            db.Add(new FlowRefreshState { Id = StateId, LastRefreshMs = now.ToUnixTimeMilliseconds() });
        }
        else
        {
            state.LastRefreshMs = now.ToUnixTimeMilliseconds();
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Window starts of the releases in force whose right differs from the contract's current one (or is gone), oldest first.</summary>
    public static async Task<List<long>> StaleWindowsAsync(HubDbContext db, Domain.Contracts.MobilityContract contract, RightFingerprints fingerprints,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await db.Set<ProductRelease>().AsNoTracking().Where(r => r.SupersededAtMs == null)
            .Select(r => new { r.MemberId, r.Product, r.RightFingerprint, r.WindowStartMs })
            .ToListAsync(cancellationToken);
        return [.. current
            .Where(r => fingerprints.Of(contract, r.MemberId, r.Product, now) is { } print && print.Fingerprint != r.RightFingerprint)
            .Select(r => r.WindowStartMs).Distinct().Order()];
    }
}
