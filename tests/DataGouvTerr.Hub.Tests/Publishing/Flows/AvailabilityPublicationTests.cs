using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Domain.Gbfs.Availability;
using DataGouvTerr.Domain.Spatial;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;

namespace DataGouvTerr.Hub.Tests.Publishing.Flows;

public sealed class AvailabilityPublicationTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Each_member_gets_availability_at_its_own_k_resolution_bin_and_operator_naming(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var day = FlowSeed.DayOf(hub);
        await SeedAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, FlowSeed.DayText(hub));
        var first = await hub.WithDbAsync(db => db.Set<FlowProductRow>().AsNoTracking().Where(r => r.Product == "availability").OrderBy(r => r.Id).ToListAsync());
        await FlowSeed.RunJobAsync(hub, FlowSeed.DayText(hub));
        var second = await hub.WithDbAsync(db => db.Set<FlowProductRow>().AsNoTracking().Where(r => r.Product == "availability").OrderBy(r => r.Id).ToListAsync());
        // Safe to run twice: the same rows, not rewritten; the métropole's six levels each built once.
        Assert.NotEmpty(first);
        Assert.Equal(first.Select(r => (r.Id, r.MemberId, r.Resolution, r.TimeBinMinutes, r.Origin, r.Count, r.Measure1)),
            second.Select(r => (r.Id, r.MemberId, r.Resolution, r.TimeBinMinutes, r.Origin, r.Count, r.Measure1)));
        Assert.Equal(6, await hub.WithDbAsync(db => db.Set<FlowProductRun>().CountAsync(r => r.MemberId == "metropole-rouen" && r.Product == "availability")));
        var from = FlowSeed.DayText(hub);

        // The métropole: 15-minute bins on its perimeter, k = 5.
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var quarterly = await metropole.GetAsync($"/products/availability.csv?from={from}");
        Assert.Equal(HttpStatusCode.OK, quarterly.StatusCode);
        Assert.Equal("PT15M", quarterly.Headers.GetValues("X-DGT-Time-Bin").Single());
        Assert.Equal("5", quarterly.Headers.GetValues("X-DGT-Min-Count").Single());
        Assert.Equal("own_perimeter", quarterly.Headers.GetValues("X-DGT-Scope").Single());
        Assert.Equal("PT0S", quarterly.Headers.GetValues("X-DGT-Delay").Single());
        var rows = CsvRows(await quarterly.Content.ReadAsStringAsync());
        // 40 scooters + 60 bikes at the Rouen cell every quarter of 08:00–09:00 UTC (09:00+01:00 local), noisy: ε = 0.5 per
        // vehicle within a bin is a scale of 2 vehicles, and |noise| > 20 has probability ≈ 5e-5.
        var rouen = Assert.Single(rows, r => r["bin_start"] == Local(day.AddHours(8)) && r["zone"] == CellOf(FlowSeed.RouenCentre));
        Assert.InRange(Mean(rouen), 80, 120);
        Assert.Equal("all-operators", rouen["operators"]);
        // Nothing listed under the release's threshold (18 vehicles at this ε, so an empty cell shows with probability ≤ 1e-4):
        // the two scooters at Déville are not listed, and no cell reads 0 or a small number.
        var threshold = int.Parse(quarterly.Headers.GetValues("X-DGT-Threshold").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(18, threshold);
        Assert.All(rows, r => Assert.True(Mean(r) >= threshold, r["mean_vehicles_available"]));
        Assert.DoesNotContain("vehicles_observed", rows[0].Keys);

        // The bike-share operator sees its own name, and the scooter operator (not agreed) only summed as "other-operators".
        var velos = await hub.ClientForAsync("velos-rouen");
        var velosRows = CsvRows(await velos.GetStringAsync($"/products/availability.csv?from={from}"));
        Assert.Contains(velosRows, r => r["operators"] == "Vélos Rouen" && Math.Abs(Mean(r) - 60) <= 20);
        Assert.Contains(velosRows, r => r["operators"] == "other-operators" && Math.Abs(Mean(r) - 40) <= 20);
        Assert.All(velosRows, r => Assert.Contains(r["operators"], new[] { "Vélos Rouen", "other-operators" }));
        var scoot = await hub.ClientForAsync("scoot-normandie");
        var scootRows = CsvRows(await scoot.GetStringAsync($"/products/availability.csv?from={from}"));
        Assert.All(scootRows, r => Assert.Equal("all-operators", r["operators"]));

        // GeoJSON: zone polygons with values and the metadata the product was built with.
        var geojson = await metropole.GetFromJsonAsync<JsonElement>($"/products/availability.geojson?from={from}");
        Assert.Equal(5, geojson.GetProperty("metadata").GetProperty("min_count").GetInt32());
        Assert.Equal("PT15M", geojson.GetProperty("metadata").GetProperty("time_bin").GetString());
        var feature = geojson.GetProperty("features").EnumerateArray().First();
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());

        // Listed with its levels.
        var listing = await metropole.GetFromJsonAsync<JsonElement>("/products");
        var availability = listing.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("product").GetString() == "availability");
        Assert.Equal(6, availability.GetProperty("levels").GetArrayLength());
        Assert.Equal(1, availability.GetProperty("coverage").GetProperty("windows_built").GetInt32());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Roll_ups_are_post_processing_of_the_one_noisy_release_of_the_right(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var day = FlowSeed.DayOf(hub);
        await SeedAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, FlowSeed.DayText(hub));
        var from = FlowSeed.DayText(hub);
        var rouenCell = CellOf(FlowSeed.RouenCentre);

        var metropole = await hub.ClientForAsync("metropole-rouen");
        var quarters = CsvRows(await metropole.GetStringAsync($"/products/availability.csv?from={from}"))
            .Where(r => r["zone"] == rouenCell && string.CompareOrdinal(r["bin_start"], Local(day.AddHours(8))) >= 0 && string.CompareOrdinal(r["bin_start"], Local(day.AddHours(9))) < 0).ToList();
        Assert.Equal(4, quarters.Count);

        var hourly = await metropole.GetAsync($"/products/availability.csv?from={from}&time_bin=1h");
        Assert.Equal(HttpStatusCode.OK, hourly.StatusCode);
        Assert.Equal("PT1H", hourly.Headers.GetValues("X-DGT-Time-Bin").Single());
        var hour = CsvRows(await hourly.Content.ReadAsStringAsync()).Single(r => r["zone"] == rouenCell && r["bin_start"] == Local(day.AddHours(8)));
        // The hour is the mean of the four noisy quarters (the same release, post-processed), not a fresh look at the samples:
        // the coarse minus the fine differences noise only. Each quarter is rounded to 0.1, hence the tolerance.
        Assert.Equal(quarters.Average(Mean), Mean(hour), 0.1);

        // The scooter operator's own right is hourly, its own release (ε 0.5) of the same samples: near 100 too.
        var scoot = await hub.ClientForAsync("scoot-normandie");
        var scootHour = CsvRows(await scoot.GetStringAsync($"/products/availability.csv?from={from}")).Single(r => r["zone"] == rouenCell && r["bin_start"] == Local(day.AddHours(8)));
        Assert.InRange(Mean(scootHour), 80, 120);

        // A coarser aligned grid and a local day are fixed levels; a 2-hour bin is not, and finer than the right is refused.
        var coarse = await metropole.GetAsync($"/products/availability.csv?from={from}&resolution=grid-1000m&time_bin=1d");
        Assert.Equal(HttpStatusCode.OK, coarse.StatusCode);
        Assert.Equal("grid-1000m", coarse.Headers.GetValues("X-DGT-Resolution").Single());
        Assert.All(CsvRows(await coarse.Content.ReadAsStringAsync()), r => Assert.EndsWith("T00:00:00+01:00", r["bin_start"]));
        var twoHours = await metropole.GetAsync($"/products/availability.csv?from={from}&time_bin=2h");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twoHours.StatusCode);
        Assert.Contains("fixed levels", await twoHours.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync("/products/availability.csv?resolution=grid-200m")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoot.GetAsync("/products/availability.csv?time_bin=15m")).StatusCode);
        // Asking past the embargo line (here: the future, the delay being 0) is refused.
        var later = Uri.EscapeDataString(hub.Clock.GetUtcNow().AddHours(1).ToString("O"));
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync($"/products/availability.csv?to={later}")).StatusCode);
        // A member without the right is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await hub.ClientForAsync("asso-velo")).GetAsync("/products/availability.csv")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_tiny_box_yields_only_whole_published_cells(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var day = FlowSeed.DayOf(hub);
        await SeedAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, FlowSeed.DayText(hub));
        var from = FlowSeed.DayText(hub);
        var metropole = await hub.ClientForAsync("metropole-rouen");
        var full = await metropole.GetFromJsonAsync<JsonElement>($"/products/availability.geojson?from={from}");
        var published = Keys(full).ToHashSet();

        var (lon, lat) = FlowSeed.RouenCentre;
        var box = FormattableString.Invariant($"{lon - 0.0001},{lat - 0.0001},{lon + 0.0001},{lat + 0.0001}");
        var tiny = Keys(await metropole.GetFromJsonAsync<JsonElement>($"/products/availability.geojson?from={from}&bbox={box}")).ToList();

        // Only whole stored cells of the release come back: the Rouen cell's four busy quarters (and, rarely, an empty
        // quarter whose noise reached the threshold: probability ≤ 1e-4 each), each identical to the full product's.
        Assert.Equal(4, tiny.Count(k => k.Mean > 60));
        Assert.All(tiny, k => Assert.Contains(k, published));
        Assert.All(tiny, k => Assert.Equal(CellOf(FlowSeed.RouenCentre), k.Zone));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Local_time_bins_on_the_2026_spring_forward_day_give_23_hours_and_one_23_hour_day(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        // Sixty scooters available at Rouen from before the day to after it.
        var start = new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero);
        await AddAsync(hub, Enumerable.Range(0, 60).Select(i => Event($"dst{i}", start, "available", "battery_charged", FlowSeed.RouenCentre)));
        await FlowSeed.RunJobAsync(hub, "2026-03-29");

        var scoot = await hub.ClientForAsync("scoot-normandie");
        // The Rouen cell's hours (elsewhere, an empty cell shows only when its noise reaches the threshold: ≤ 1e-4 each).
        var hours = CsvRows(await scoot.GetStringAsync("/products/availability.csv?from=2026-03-29T00:00:00%2B01:00&to=2026-03-30T00:00:00%2B02:00"))
            .Where(r => r["zone"] == CellOf(FlowSeed.RouenCentre)).ToList();
        Assert.Equal(23, hours.Count);
        Assert.Equal("2026-03-29T00:00:00+01:00", hours[0]["bin_start"]);
        Assert.Equal("2026-03-29T01:00:00+01:00", hours[1]["bin_start"]);
        Assert.Equal("2026-03-29T03:00:00+02:00", hours[2]["bin_start"]);
        Assert.Equal("2026-03-30T00:00:00+02:00", hours[^1]["bin_end"]);
        Assert.All(hours, h => Assert.InRange(Mean(h), 40, 80));

        var days = CsvRows(await scoot.GetStringAsync("/products/availability.csv?from=2026-03-29T00:00:00%2B01:00&to=2026-03-30T00:00:00%2B02:00&time_bin=1d"))
            .Where(r => r["zone"] == CellOf(FlowSeed.RouenCentre)).ToList();
        var only = Assert.Single(days);
        Assert.Equal(("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"), (only["bin_start"], only["bin_end"]));
    }

    /// <summary>
    /// Day D, 08:00–09:00 UTC: 40 scooters available at Rouen all hour, 2 at Déville all hour, 6 at Sotteville in the
    /// first quarter then 2 others in the second; the bike-share feed polled every quarter with 60 bikes in the Rouen cell.
    /// </summary>
    private static async Task SeedAsync(HubFactory hub, DateTimeOffset day)
    {
        var eight = day.AddHours(8);
        var events = new List<MdsEventRecord>();
        void Available(string device, (double, double) at, DateTimeOffset from, DateTimeOffset until)
        {
            events.Add(Event(device, from, "available", "battery_charged", at));
            events.Add(Event(device, until, "on_trip", "trip_start", at));
        }
        for (var i = 0; i < 40; i++)
        {
            Available($"rouen{i}", FlowSeed.RouenCentre, eight.AddMinutes(-10), eight.AddHours(1));
        }
        for (var i = 0; i < 2; i++)
        {
            Available($"deville{i}", FlowSeed.Deville, eight.AddMinutes(-10), eight.AddHours(1));
        }
        for (var i = 0; i < 6; i++)
        {
            Available($"sotteA{i}", FlowSeed.Sotteville, eight.AddMinutes(-5), eight.AddMinutes(14));
        }
        for (var i = 0; i < 2; i++)
        {
            Available($"sotteB{i}", FlowSeed.Sotteville, eight.AddMinutes(15), eight.AddMinutes(29));
        }
        await AddAsync(hub, events);

        await using var scope = hub.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var (x, y) = Reprojector.Instance.ToLambert93(FlowSeed.RouenCentre.Lon, FlowSeed.RouenCentre.Lat);
        for (var q = 0; q < 4; q++)
        {
            var bin = eight.AddMinutes(15 * q).UtcDateTime;
            db.Add(new GbfsZoneAvailabilityRecord
            {
                FeedId = "gbfs-velos",
                ZoningId = "grid-500m",
                ZoneCode = GbfsAvailabilityCalculator.CellCode(x, y, 500),
                BinStart = bin,
                ObservedAt = bin.AddMinutes(5),
                VehiclesAvailable = 60,
                DocksAvailable = 3,
            });
        }
        await db.SaveChangesAsync();
    }

    private static async Task AddAsync(HubFactory hub, IEnumerable<MdsEventRecord> events)
    {
        await using var scope = hub.Scope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.AddRange(events);
        await db.SaveChangesAsync();
    }

    private static MdsEventRecord Event(string device, DateTimeOffset at, string state, string eventType, (double Lon, double Lat) where) => new()
    {
        FeedId = "mds-scoot",
        ProviderId = FlowSeed.ScootProvider,
        DeviceId = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(device)).AsSpan(0, 16)),
        EventId = Guid.NewGuid(),
        VehicleState = state,
        EventTypes = eventType,
        TimestampMs = at.ToUnixTimeMilliseconds(),
        Location = new Point(where.Lon, where.Lat) { SRID = 4326 },
        ReceivedAtMs = at.AddMinutes(1).ToUnixTimeMilliseconds(),
        Source = "push",
    };

    /// <summary>The sample contract's grid-500m code of the cell holding a point.</summary>
    private static string CellOf((double Lon, double Lat) point)
    {
        var (x, y) = Reprojector.Instance.ToLambert93(point.Lon, point.Lat);
        return FormattableString.Invariant($"E{(long)Math.Floor(x / 500) * 500}N{(long)Math.Floor(y / 500) * 500}");
    }

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Domain.Aggregation.TerritoryTime.Paris).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<(string? Zone, string? Bin, double Mean)> Keys(JsonElement collection) =>
        collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties"))
            .Select(p => (p.GetProperty("zone").GetString(), p.GetProperty("bin_start").GetString(), p.GetProperty("mean_vehicles_available").GetDouble()));

    private static double Mean(Dictionary<string, string> row) => double.Parse(row["mean_vehicles_available"], System.Globalization.CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> CsvRows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
