using System.Globalization;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Hangfire;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Recurring: enqueues <see cref="FlowAggregationJob"/> for the last days and for every older day that late trips
/// (received since the previous refresh) fall in, so late data re-aggregates the windows it affects. Days are days of
/// the territory's legal time, like the windows they name.
/// </summary>
public sealed class FlowRefreshJob(HubDbContext db, FlowTripSource trips, IBackgroundJobClient jobs, IOptions<FlowsOptions> options, TimeProvider clock)
{
    public const string RecurringId = "dgt:flows:refresh";
    public const string DefaultCron = "15 * * * *";
    private const int StateId = 1;

    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = Domain.Aggregation.TerritoryTime.Paris;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var state = await db.Set<FlowRefreshState>().FindAsync([StateId], cancellationToken);
        var days = new SortedSet<DateOnly>();
        for (var d = 0; d <= options.Value.LookbackDays; d++)
        {
            days.Add(today.AddDays(-d));
        }
        if (await trips.EarliestStartReceivedAfterAsync(state?.LastRefreshMs ?? 0, cancellationToken) is { } earliestMs)
        {
            var earliest = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(earliestMs), zone).DateTime);
            var floor = today.AddDays(-options.Value.MaxLateDays);
            for (var d = earliest < floor ? floor : earliest; d <= today; d = d.AddDays(1))
            {
                days.Add(d);
            }
        }
        foreach (var day in days)
        {
            var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            jobs.Enqueue<FlowAggregationJob>(j => j.RunAsync(text, CancellationToken.None));
        }
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
}
