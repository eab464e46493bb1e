using System.Globalization;
using DataGouvTerr.Hub.Publishing.Flows;
using Hangfire;

namespace DataGouvTerr.Hub.Demo;

/// <summary>
/// Background job: loads the demo (<see cref="DemoLoader"/>) and, when it loaded anything, enqueues the aggregation
/// of every demo day and today, so each member's products exist at once, not only the refresh job's look-back days
/// at its next hourly run. Safe to run twice: the second run finds the feeds filled and enqueues nothing.
/// </summary>
public sealed class DemoLoadJob(DemoLoader loader, IBackgroundJobClient jobs)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task<DemoLoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = await loader.LoadAsync(cancellationToken);
        if (result.LoadedAny)
        {
            foreach (var day in DaysToAggregate(result))
            {
                jobs.Enqueue<FlowAggregationJob>(j => j.RunAsync(day, CancellationToken.None));
            }
        }
        return result;
    }

    /// <summary>The demo's days and the day after its last (today, for the rights with no delay), as yyyy-MM-dd.</summary>
    public static IEnumerable<string> DaysToAggregate(DemoLoadResult result)
    {
        for (var day = result.From; day <= result.To.AddDays(1); day = day.AddDays(1))
        {
            yield return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}
