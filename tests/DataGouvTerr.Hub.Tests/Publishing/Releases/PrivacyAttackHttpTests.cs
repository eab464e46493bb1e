using System.Globalization;
using System.Net;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Publishing.Flows;

namespace DataGouvTerr.Hub.Tests.Publishing.Releases;

/// <summary>
/// The attacks of the privacy issue, run as an adversarial coalition would: through HTTP with two members' tokens
/// pooled, against the hub's own job and store, on both stores. Each day either holds a lone 03:10 trip or not; the
/// attacker reads what is published and guesses. Under differential privacy no rule guesses right more often than
/// e^ε / (1 + e^ε) of the days, ε being what the pooled releases spent (here 1.5: the region's indicators 0.5 and the
/// métropole's OD flows 1.0). The tight e^ε bound at every threshold is checked over thousands of releases in
/// DataGouvTerr.Domain.Tests' ReleaseAttackTests; here the days are few (each is a whole job run), so the test fails
/// when the best rule is right on more than that bound plus two standard errors (0.82 + 0.16 over 40 days: right on all
/// 40) — the exact counts that cell suppression published let the same attack be right every day, while the noisy
/// statistic here (a day's noisy count minus a sum of noisy zone totals) leaves the best rule near a coin toss.
/// </summary>
public sealed class PrivacyAttackHttpTests
{
    private const int Days = 40;

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Day_indicators_minus_hourly_zone_totals_with_two_members_tokens_is_no_better_than_the_bound(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var today = new DateTimeOffset(hub.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var planted = new Dictionary<string, bool>();
        var trips = new List<DataGouvTerr.Hub.Ingestion.Mds.Storage.MdsTripRecord>();
        for (var d = 0; d < Days; d++)
        {
            var day = today.AddDays(-3 - d);
            // A busy day in the métropole (the same every day), and on every other day one lone trip at 03:10 local.
            for (var i = 0; i < 120; i++)
            {
                trips.Add(FlowSeed.Trip(day.AddHours(7 + (i % 10)).AddMinutes(i % 50), FlowSeed.RouenCentre, FlowSeed.Sotteville, 600, 2500, $"v{i % 40}"));
            }
            var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            planted[key] = d % 2 == 0;
            if (planted[key])
            {
                trips.Add(FlowSeed.Trip(day.AddHours(2).AddMinutes(10), FlowSeed.Canteleu, FlowSeed.Deville, 700, 4000, $"lone{d}"));
            }
        }
        await FlowSeed.AddAsync(hub, trips);
        foreach (var day in planted.Keys)
        {
            await FlowSeed.RunJobAsync(hub, day);
        }

        // The coalition: the region's day indicators and the métropole's hourly zone totals, pooled.
        var region = await hub.ClientForAsync("region-normandie");
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var from = planted.Keys.Min();
        var indicators = ReleaseKit.CsvRows(await region.GetStringAsync($"/products/indicators.csv?from={from}"));
        var zones = System.Text.Json.JsonDocument.Parse(await metropole.GetStringAsync($"/products/od-flows/zones.geojson?from={from}")).RootElement;
        var hourlyStarts = zones.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Where(p => p.GetProperty("trips_starting").ValueKind == System.Text.Json.JsonValueKind.Number)
            .GroupBy(p => p.GetProperty("bin_start").GetString()![..10])
            .ToDictionary(g => g.Key, g => g.Sum(p => p.GetProperty("trips_starting").GetInt32()));
        var statistic = planted.Keys.ToDictionary(day => day, day =>
        {
            var row = indicators.SingleOrDefault(r => r["day"] == day);
            var dayTrips = row is null || row["trips"] == "" ? 0 : int.Parse(row["trips"], CultureInfo.InvariantCulture);
            return dayTrips - hourlyStarts.GetValueOrDefault(day);
        });

        // Nothing shown is a small count: every published trips figure reaches the release's threshold.
        Assert.All(indicators.Where(r => r["trips"] != ""), r => Assert.True(int.Parse(r["trips"], CultureInfo.InvariantCulture) >= 10));
        Assert.Equal(Days, indicators.Count);

        // The attacker's best rule with hindsight: "planted when the statistic is ≥ t" (or ≤ t), t chosen on these very days.
        var best = statistic.Values.Distinct().SelectMany(t => new[]
        {
            planted.Count(p => (statistic[p.Key] >= t) == p.Value),
            planted.Count(p => (statistic[p.Key] <= t) == p.Value),
        }).Max() / (double)Days;
        var epsilon = 1.5;
        var bound = (Math.Exp(epsilon) / (1 + Math.Exp(epsilon))) + (2 * Math.Sqrt(0.25 / Days));
        Assert.True(best <= bound, $"the coalition guesses the lone trip right on {best:P0} of days; DP at ε = {epsilon} allows {bound:P0}");

        // Asking for a level outside the stored releases is refused and audited, whatever the coalition pools.
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync($"/products/od-flows.csv?from={from}&time_bin=15m")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await region.GetAsync($"/products/od-flows.csv?from={from}&resolution=grid-500m")).StatusCode);
    }
}
