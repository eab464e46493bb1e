using System.Globalization;
using System.Net;
using System.Text.Json;
using DataGouvTerr.GtfsKit;
using DataGouvTerr.GtfsKit.Statistics;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.StopMaps;

/// <summary>Stop-map endpoints over the sample feed, on both stores: numbers, formats, parameters and access rules.</summary>
public sealed class StopMapsEndpointTests
{
    /// <summary>The sample feed's representative weekday: the first Monday of its first full week (all weekdays run the same trips).</summary>
    private static readonly DateOnly Monday = new(2026, 1, 5);

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_without_the_stop_maps_right_is_refused_and_audited(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("asso-velo");

        var response = await client.GetAsync("/stop-maps/stops?bbox=1.08,49.43,1.11,49.45");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MemberId == "asso-velo" && e.Product == "stop-maps" && e.Decision == "denied").CountAsync());
        Assert.Equal(1, audited);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_bbox_or_polygon_outside_the_scope_is_refused(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        // Paris, far outside the Rouen territory.
        var bbox = await client.GetAsync("/stop-maps/stops?bbox=2.30,48.84,2.36,48.87");
        var polygon = await client.GetAsync("/stop-maps/stops?polygon=" + Uri.EscapeDataString("POLYGON((2.30 48.84, 2.36 48.84, 2.36 48.87, 2.30 48.84))"));

        Assert.Equal(HttpStatusCode.Forbidden, bbox.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, polygon.StatusCode);
        Assert.Contains("outside", await polygon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_allowed_member_gets_only_the_stops_inside_the_bbox_with_their_routes(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        // Around the city centre: Théâtre des Arts (T1, F1), Palais de Justice (T1), Pont Corneille (T2), Hôtel de Ville…
        var features = await FeaturesAsync(client, "/stop-maps/stops?bbox=1.085,49.436,1.095,49.445");

        Assert.Equal(["PALJ", "PONT", "THEA"], features.Select(f => Prop(f, "stop_id").GetString()).ToList());
        foreach (var f in features)
        {
            var c = f.GetProperty("geometry").GetProperty("coordinates");
            Assert.InRange(c[0].GetDouble(), 1.085, 1.095);
            Assert.InRange(c[1].GetDouble(), 49.436, 49.445);
        }
        var theatre = features.Single(f => Prop(f, "stop_id").GetString() == "THEA");
        Assert.Equal(["F1", "T1"], Prop(theatre, "routes").EnumerateArray().Select(r => r.GetString()).ToList());
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_representative_weekday_and_any_date_match_gtfs_kit_stop_stats(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");
        var feed = GtfsFeed.Read(RepoPaths.Feeds("gtfs", "reseau-exemple.zip"));
        var saturday = new DateOnly(2026, 1, 10);

        // No date: the precomputed representative weekday. A Saturday: computed from the store on request.
        foreach (var (query, date) in new[] { ("", Monday), ("?date=20260110", saturday) })
        {
            var features = await FeaturesAsync(client, "/stop-maps/stops" + query);
            var expected = GtfsStats.ComputeStopStats(feed, [date]).ToDictionary(s => s.StopId);
            Assert.Equal(feed.Stops.Count, features.Count);
            foreach (var f in features)
            {
                var id = Prop(f, "stop_id").GetString()!;
                Assert.Equal(date.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Prop(f, "date").GetString());
                if (!expected.TryGetValue(id, out var s))
                {
                    Assert.Equal(0, Prop(f, "num_trips").GetInt32());
                    continue;
                }
                Assert.Equal(s.NumTrips, Prop(f, "num_trips").GetInt32());
                Assert.Equal(s.NumRoutes, Prop(f, "num_routes").GetInt32());
                Assert.Equal(s.StartTime.ToString(), Prop(f, "start_time").GetString());
                Assert.Equal(s.EndTime.ToString(), Prop(f, "end_time").GetString());
                AssertHeadway(s.MaxHeadway, Prop(f, "max_headway"));
                AssertHeadway(s.MinHeadway, Prop(f, "min_headway"));
                AssertHeadway(s.MeanHeadway, Prop(f, "mean_headway"));
                var hourly = Prop(f, "departures_per_hour").EnumerateArray().Select(h => h.GetInt32()).ToList();
                Assert.True(hourly.Count >= 24);
                Assert.Equal(s.NumTrips, hourly.Sum());
            }
        }

        // Another weekday, computed from the store, gives the precomputed numbers (only the date differs).
        var monday = await client.GetStringAsync("/stop-maps/stops.csv");
        var tuesday = await client.GetStringAsync("/stop-maps/stops.csv?date=20260106");
        Assert.Equal(monday.Replace("20260105", "20260106", StringComparison.Ordinal), tuesday);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task The_csv_has_one_row_per_stop_and_hourly_columns(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        var response = await client.GetAsync("/stop-maps/stops?format=csv&bbox=1.085,49.436,1.095,49.445");
        var same = await client.GetStringAsync("/stop-maps/stops.csv?bbox=1.085,49.436,1.095,49.445");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Equal(same, csv);
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(["feed_id", "stop_id", "stop_name", "stop_lat", "stop_lon", "date", "routes", "num_routes", "num_trips"], header[..9]);
        Assert.Equal("h00", header[14]);
        Assert.Contains("h23", header);
        Assert.Equal(4, lines.Length);
        var thea = lines.Single(l => l.StartsWith("gtfs-reseau,THEA,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(int.Parse(thea[8], CultureInfo.InvariantCulture), thea[14..].Sum(h => int.Parse(h, CultureInfo.InvariantCulture)));
        Assert.Equal("F1|T1", thea[6]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/stop-maps/stops?format=shp")).StatusCode);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_polygon_as_geojson_or_wkt_selects_the_stops_inside_it(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");
        // A triangle over the centre: THEA (1.089, 49.440) and PONT (1.090, 49.437) are inside, PALJ (1.0925, 49.443) is not.
        const string Wkt = "POLYGON((1.085 49.436, 1.095 49.436, 1.085 49.445, 1.085 49.436))";
        const string GeoJson = """{"type":"Polygon","coordinates":[[[1.085,49.436],[1.095,49.436],[1.085,49.445],[1.085,49.436]]]}""";

        var fromWkt = await FeaturesAsync(client, "/stop-maps/stops.geojson?polygon=" + Uri.EscapeDataString(Wkt));
        var fromGeoJson = await FeaturesAsync(client, "/stop-maps/stops?polygon=" + Uri.EscapeDataString(GeoJson));

        Assert.Equal(["PONT", "THEA"], fromWkt.Select(f => Prop(f, "stop_id").GetString()).ToList());
        Assert.Equal(["PONT", "THEA"], fromGeoJson.Select(f => Prop(f, "stop_id").GetString()).ToList());
    }

    [Theory]
    [InlineData("polygon=POLYGON((1.0 49.4, 1.1 49.5, 1.1 49.4, 1.0 49.5, 1.0 49.4))", "polygon", "valid")] // a bow tie
    [InlineData("polygon=POINT(1.09 49.44)", "polygon", "Polygon")]
    [InlineData("polygon={\"type\":\"Polygon\"", "polygon", "GeoJSON")]
    [InlineData("polygon=POLYGON((200 49.4, 201 49.4, 201 49.5, 200 49.4))", "polygon", "WGS84")]
    [InlineData("bbox=1.0,49.4,1.1,49.5&polygon=POLYGON((1.0 49.4, 1.1 49.4, 1.1 49.5, 1.0 49.4))", "polygon", "not both")]
    [InlineData("date=2026-01-05", "date", "YYYYMMDD")]
    public async Task A_bad_area_or_date_is_a_problem_naming_the_field(string query, string field, string reason)
    {
        await using var hub = await StartLoadedAsync(StoreProviders.Sqlite);
        var client = await hub.ClientForAsync("agence-urbanisme");

        var response = await client.GetAsync("/stop-maps/stops?" + string.Join('&', query.Split('&').Select(p => p[..(p.IndexOf('=') + 1)] + Uri.EscapeDataString(p[(p.IndexOf('=') + 1)..]))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var reasons = json.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains(reason, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_stop_detail_has_its_departures_and_an_unknown_stop_is_404(string provider)
    {
        await using var hub = await StartLoadedAsync(provider);
        var client = await hub.ClientForAsync("agence-urbanisme");

        var thea = await client.GetAsync("/stop-maps/stops/gtfs-reseau/THEA");
        var unknown = await client.GetAsync("/stop-maps/stops/gtfs-reseau/NOPE");
        var otherFeed = await client.GetAsync("/stop-maps/stops/no-such-feed/THEA");

        Assert.Equal(HttpStatusCode.OK, thea.StatusCode);
        using var json = JsonDocument.Parse(await thea.Content.ReadAsStringAsync());
        Assert.Equal("Théâtre des Arts", Prop(json.RootElement, "stop_name").GetString());
        Assert.True(Prop(json.RootElement, "num_trips").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherFeed.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_with_a_perimeter_never_gets_a_stop_outside_it(string provider)
    {
        using var feeds = new TempFeedFolder();
        await using var hub = await StartLoadedAsync(provider, feeds.WriteContract(PerimeterContract()));
        var client = await hub.ClientForAsync("metropole-rouen");
        var whole = "POLYGON((0.9 49.3, 1.3 49.3, 1.3 49.6, 0.9 49.6, 0.9 49.3))";

        foreach (var query in new[] { "", "?bbox=0.9,49.3,1.3,49.6", "?polygon=" + Uri.EscapeDataString(whole), "?bbox=0.9,49.3,1.3,49.6&date=20260110" })
        {
            var features = await FeaturesAsync(client, "/stop-maps/stops" + query);
            var ids = features.Select(f => Prop(f, "stop_id").GetString()).ToList();
            Assert.Equal(["BEAU", "HDV", "PALJ", "PONT", "STSE", "THEA", "VIEU"], ids);
        }
        Assert.Equal(7, (await client.GetStringAsync("/stop-maps/stops.csv?bbox=0.9,49.3,1.3,49.6")).TrimEnd('\n').Split('\n').Length - 1);

        // Outside the perimeter but inside the territory: refused for an area, 404 for a stop (as if it did not exist).
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/stop-maps/stops?bbox=1.00,49.38,1.06,49.42")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stop-maps/stops/gtfs-reseau/GQBE")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/stop-maps/stops/gtfs-reseau/THEA")).StatusCode);

        // The z14 tile of Grand-Quevilly Bel Air holds a stop of the feed but none of the perimeter.
        var (x, y) = TileOf(1.025, 49.398, 14);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/tiles/stops/14/{x}/{y}.mvt")).StatusCode);
        var agency = await hub.ClientForAsync("agence-urbanisme");
        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync($"/tiles/stops/14/{x}/{y}.mvt")).StatusCode);

        // Every call above was audited under stop-maps with its decision and the rows it delivered.
        var audited = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.MemberId == "metropole-rouen").Select(e => new { e.Product, e.Decision, e.RowsReturned }).ToListAsync());
        Assert.Equal(9, audited.Count);
        Assert.All(audited, e => Assert.Equal("stop-maps", e.Product));
        Assert.Equal(5, audited.Count(e => e.RowsReturned == 7));
        Assert.Single(audited, e => e.Decision == "denied");
    }

    internal static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var r = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(r) + (1 / Math.Cos(r))) / Math.PI) / 2 * n);
        return (x, y);
    }

    internal static async Task<HubFactory> StartLoadedAsync(string provider, string? contractPath = null)
    {
        var hub = await HubFactory.StartAsync(provider, contractPath is null ? null : new Dictionary<string, string?> { ["Contract:Path"] = contractPath });
        await using var scope = hub.Scope();
        Assert.Equal(GtfsIngestOutcome.Loaded, await scope.ServiceProvider.GetRequiredService<GtfsIngestionJob>().RunAsync("gtfs-reseau", CancellationToken.None));
        return hub;
    }

    /// <summary>
    /// The sample contract with the métropole's stop-maps right limited to its perimeter, narrowed here to the city
    /// centre; written into a <see cref="TempFeedFolder"/> so its relative sources stay under the feed folder.
    /// </summary>
    private static string PerimeterContract()
    {
        var text = File.ReadAllText(RepoPaths.SampleContract);
        var perimeter = text.Split('\n').Single(l => l.TrimStart().StartsWith("perimeter: '{\"type\": \"Polygon\"", StringComparison.Ordinal));
        var right = "- { member: metropole-rouen, product: stop-maps, scope: territory,";
        Assert.Contains(right, text, StringComparison.Ordinal);
        text = text.Replace(perimeter, "    perimeter: '{\"type\": \"Polygon\", \"coordinates\": [[[1.08, 49.43], [1.10, 49.43], [1.10, 49.45], [1.08, 49.45], [1.08, 49.43]]]}'", StringComparison.Ordinal)
            .Replace(right, "- { member: metropole-rouen, product: stop-maps, scope: own_perimeter,", StringComparison.Ordinal);
        return text;
    }

    internal static async Task<List<JsonElement>> FeaturesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("features").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    private static JsonElement Prop(JsonElement feature, string name) => feature.GetProperty("properties").GetProperty(name);

    private static void AssertHeadway(double expected, JsonElement actual)
    {
        if (double.IsNaN(expected))
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(expected, actual.GetDouble());
        }
    }
}
