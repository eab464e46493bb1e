using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.Flows;

public sealed class FlowPublicationTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Running_the_job_twice_gives_the_same_rows_and_each_member_gets_its_own_product(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);

        await FlowSeed.RunJobAsync(hub, day);
        var first = await hub.WithDbAsync(db => db.Set<FlowProductRow>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        await FlowSeed.RunJobAsync(hub, day);
        var second = await hub.WithDbAsync(db => db.Set<FlowProductRow>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(r => (r.Id, r.MemberId, r.Product, r.Origin, r.Destination, r.Count)), second.Select(r => (r.Id, r.MemberId, r.Product, r.Origin, r.Destination, r.Count)));

        var metropole = await hub.ClientForAsync("metropole-rouen");
        var grid = await metropole.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal(HttpStatusCode.OK, grid.StatusCode);
        Assert.Equal("10", grid.Headers.GetValues("X-DGT-Min-Count").Single());
        Assert.Equal("grid-500m", grid.Headers.GetValues("X-DGT-Resolution").Single());
        Assert.Equal("own_perimeter", grid.Headers.GetValues("X-DGT-Scope").Single());
        Assert.Equal("PT1H", grid.Headers.GetValues("X-DGT-Time-Bin").Single());
        var gridRows = CsvRows(await grid.Content.ReadAsStringAsync());
        // Noisy counts (ε/2 = 0.5 on pairs: scale 2, |noise| > 20 has probability ≈ 5e-5): the 40-trip pair shows near 40,
        // the 3-trip pair to Canteleu is under τ = 28 and not listed at all.
        Assert.Contains(gridRows, r => Math.Abs(int.Parse(r["trips"]) - 40) <= 20);
        Assert.All(gridRows, r => Assert.True(int.Parse(r["trips"]) >= 28, r["trips"]));
        Assert.DoesNotContain("suppressed", gridRows[0].Keys);

        var region = await hub.ClientForAsync("region-normandie");
        var communes = await region.GetAsync($"/products/od-flows.csv?from={day}");
        Assert.Equal("communes", communes.Headers.GetValues("X-DGT-Resolution").Single());
        var communeRows = CsvRows(await communes.Content.ReadAsStringAsync());
        Assert.Contains(communeRows, r => r["origin"] == "76540" && r["destination"] == "76681" && Math.Abs(int.Parse(r["trips"]) - 40) <= 20);

        var association = await hub.ClientForAsync("asso-velo");
        Assert.Equal(HttpStatusCode.Forbidden, (await association.GetAsync("/products/od-flows.csv")).StatusCode);
        var listing = await association.GetFromJsonAsync<JsonElement>("/products");
        Assert.Equal(["indicators"], listing.GetProperty("products").EnumerateArray().Select(p => p.GetProperty("product").GetString()));
        Assert.Equal(20, listing.GetProperty("products")[0].GetProperty("min_count").GetInt32());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Re_identification_attempts_are_refused_or_yield_only_suppressed_cells(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);
        await FlowSeed.RunJobAsync(hub, day);
        var metropole = await hub.ClientForAsync("metropole-rouen");

        // Finer resolution or finer bins than the right: refused by the contract.
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync("/products/od-flows.csv?resolution=grid-200m")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync("/products/od-flows.csv?time_bin=15m")).StatusCode);
        // Earlier than the embargo allows: refused.
        var now = hub.Clock.GetUtcNow().ToString("O");
        Assert.Equal(HttpStatusCode.Forbidden, (await metropole.GetAsync($"/products/od-flows.csv?to={Uri.EscapeDataString(now)}")).StatusCode);
        // A coarser grid would let a coarse cell be differenced against its fine cells: not served.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await metropole.GetAsync($"/products/od-flows.csv?resolution=grid-1000m&from={day}")).StatusCode);

        var full = CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}"));
        // Every listed pair reached the release threshold (τ = 28 at ε/2 = 0.5, δ = 1e-6); smaller ones are not listed.
        Assert.All(full, r => Assert.True(int.Parse(r["trips"]) >= 28));

        // A tiny box around the origin of the 3-trip flow, and two overlapping boxes: only whole published cells come back,
        // each identical to a row of the full product, so differencing them learns nothing new.
        var (lon, lat) = FlowSeed.RouenCentre;
        string Box(double w, double s, double e, double n) => FormattableString.Invariant($"{w},{s},{e},{n}");
        var tiny = CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}&bbox={Box(lon - 0.0001, lat - 0.0001, lon + 0.0001, lat + 0.0001)}"));
        var left = CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}&bbox={Box(lon - 0.02, lat - 0.01, lon + 0.001, lat + 0.01)}"));
        var right = CsvRows(await metropole.GetStringAsync($"/products/od-flows.csv?from={day}&bbox={Box(lon - 0.001, lat - 0.01, lon + 0.02, lat + 0.01)}"));
        Assert.NotEmpty(tiny);
        var published = full.Select(Key).ToHashSet();
        Assert.All(tiny.Concat(left).Concat(right), r => Assert.Contains(Key(r), published));

        // Zone totals are their own noisy measurements: every figure shown reaches its threshold, none is 1..k−1 or a hidden 0.
        var zones = await metropole.GetFromJsonAsync<JsonElement>($"/products/od-flows/zones.geojson?from={day}");
        Assert.Equal(10, zones.GetProperty("metadata").GetProperty("min_count").GetInt32());
        foreach (var zone in zones.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")))
        {
            foreach (var (value, flag) in new[] { ("trips_starting", "starting_suppressed"), ("trips_ending", "ending_suppressed") })
            {
                var v = zone.GetProperty(value);
                Assert.Equal(v.ValueKind == JsonValueKind.Null, zone.GetProperty(flag).GetBoolean());
                Assert.True(v.ValueKind == JsonValueKind.Null || v.GetInt32() >= 10, $"{value} {v}");
            }
        }

        // Every refusal above was audited with its reason.
        var denied = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Decision == "denied").CountAsync());
        Assert.True(denied >= 3);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Outbox_files_and_a_signed_webhook_are_delivered_once_per_release_and_audited(string provider)
    {
        var hook = new RecordingHandler();
        await using var hub = await HubFactory.StartAsync(provider,
            new Dictionary<string, string?>
            {
                ["Flows:Webhooks:metropole-rouen:Url"] = "http://webhook.metropole.test/dgt",
                ["Flows:Webhooks:metropole-rouen:Secret"] = "s3cret",
            },
            services => services.AddHttpClient<FlowWebhookClient>().ConfigurePrimaryHttpMessageHandler(() => hook));
        await FlowSeed.SeedStandardDayAsync(hub);
        var day = FlowSeed.DayText(hub);

        await FlowSeed.RunJobAsync(hub, day);
        await FlowSeed.RunJobAsync(hub, day);

        var outbox = Path.Combine(hub.DataDirectory, "outbox", "metropole-rouen", "od-flows");
        Assert.True(File.Exists(Path.Combine(outbox, $"{day}.csv")));
        Assert.True(File.Exists(Path.Combine(outbox, $"{day}.geojson")));
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outbox, $"{day}.manifest.json"))).RootElement;
        Assert.Equal(10, manifest.GetProperty("min_count").GetInt32());
        Assert.Equal("own_perimeter", manifest.GetProperty("scope").GetString());
        // The association's indicators are still under its 7-day embargo: nothing in its outbox yet.
        Assert.False(Directory.Exists(Path.Combine(hub.DataDirectory, "outbox", "asso-velo")));

        var posts = hook.Requests.Where(r => r.Body.Contains("\"od-flows\"", StringComparison.Ordinal)).ToList();
        var post = Assert.Single(posts);
        Assert.Equal("sha256=" + FlowWebhookClient.Sign("s3cret", post.Timestamp, post.Body), post.Signature);

        var deliveries = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MemberId == "metropole-rouen" && (e.Endpoint.StartsWith("outbox") || e.Endpoint.StartsWith("webhook"))).ToListAsync());
        Assert.Contains(deliveries, e => e.Endpoint.StartsWith("webhook") && e.Product == "od-flows");
        Assert.Contains(deliveries, e => e.Endpoint.EndsWith($"{day}.csv") && e.Product == "od-flows");

        // Publish once: late data does not reopen the released window, so nothing is delivered again.
        await FlowSeed.AddAsync(hub, Enumerable.Range(0, 12).Select(i =>
            FlowSeed.Trip(FlowSeed.DayOf(hub).AddHours(12).AddMinutes(i), FlowSeed.Canteleu, FlowSeed.RouenCentre, 800, 5200, $"late{i}")));
        await FlowSeed.RunJobAsync(hub, day);
        Assert.Equal(1, hook.Requests.Count(r => r.Body.Contains("\"od-flows\"", StringComparison.Ordinal) && r.Body.Contains("metropole-rouen", StringComparison.Ordinal)));
        // The manifest names the release and what it spent.
        Assert.Equal(1.0, manifest.GetProperty("epsilon").GetDouble());
        Assert.Matches("^[0-9a-f]{32}$", manifest.GetProperty("release_id").GetString());
    }

    private static string Key(Dictionary<string, string> r) => string.Join('|', r["bin_start"], r["origin"], r["destination"], r["trips"]);

    private static List<Dictionary<string, string>> CsvRows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>Records webhook calls instead of sending them (the hub's real typed client and signing run unchanged).</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string Body, string Signature, string Timestamp)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((body, request.Headers.GetValues(FlowWebhookClient.SignatureHeader).Single(), request.Headers.GetValues(FlowWebhookClient.TimestampHeader).Single()));
            }
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }
}
