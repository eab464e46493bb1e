using System.CommandLine;
using System.Diagnostics;
using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Publishing.Flows;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Demo;

/// <summary>
/// <c>demo load</c>: loads the demo's synthetic fortnight into the configured store (PostgreSQL too, where start-up
/// never does it), then builds every demo day's products, and prints what it did. Refuses nothing silently: a feed
/// that already has data is named as skipped.
/// </summary>
internal sealed class DemoLoadCommand(IServiceScopeFactory scopes) : ICliCommand
{
    public Command Build()
    {
        var days = new Option<int?>("--days") { Description = "Local days to simulate, ending yesterday (default: Demo:Days, 14)." };
        var seed = new Option<int?>("--seed") { Description = "Random seed: the same seed and days give the same data (default: Demo:Seed, 2026)." };
        var load = new Command("load", "Load the demo's synthetic MDS data (two operators, the days before today) and build the products.") { days, seed };
        load.SetAction(async (parse, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var options = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
            options.Days = parse.GetValue(days) ?? options.Days;
            options.Seed = parse.GetValue(seed) ?? options.Seed;
            if (options.Days < 1)
            {
                Console.Error.WriteLine("--days must be at least 1.");
                return 2;
            }
            var result = await scope.ServiceProvider.GetRequiredService<DemoLoader>().LoadAsync(ct);
            Console.WriteLine($"demo {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd}, seed {result.Seed}: generated in {result.GenerateTime.TotalSeconds:F1} s, stored in {result.StoreTime.TotalSeconds:F1} s");
            foreach (var feed in result.Feeds)
            {
                Console.WriteLine(feed.Skipped is { } why
                    ? $"  {feed.FeedId}: skipped, {why}"
                    : $"  {feed.FeedId}: {feed.Vehicles.Stored} vehicles, {feed.Trips.Stored} trips, {feed.Events.Stored} events, {feed.Telemetry.Stored} telemetry points " +
                      $"(refused {feed.Trips.Refused + feed.Events.Refused + feed.Telemetry.Refused})");
            }
            if (!result.LoadedAny)
            {
                return 0;
            }
            var watch = Stopwatch.StartNew();
            foreach (var day in DemoLoadJob.DaysToAggregate(result))
            {
                await using var dayScope = scopes.CreateAsyncScope();
                await dayScope.ServiceProvider.GetRequiredService<FlowAggregationJob>().RunAsync(day, ct);
            }
            Console.WriteLine($"products built for {result.From:yyyy-MM-dd} to {result.To.AddDays(1):yyyy-MM-dd} in {watch.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return new Command("demo", "The demo's synthetic data.") { load };
    }
}
