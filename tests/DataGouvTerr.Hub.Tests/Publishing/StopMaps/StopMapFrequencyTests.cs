using System.IO.Compression;
using System.Text.Json;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.StopMaps;

/// <summary>
/// A feed built in code with a frequency-based trip and a trip past midnight: each run is a departure, 25:10 falls in
/// hour 25, and the stored and on-request numbers agree, on both stores.
/// </summary>
public sealed class StopMapFrequencyTests
{
    [Theory, MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Frequency_runs_and_times_past_midnight_are_counted_in_their_hours(string provider)
    {
        using var feeds = new TempFeedFolder();
        _ = WriteFeed(Path.Combine(feeds.Root, "gtfs", "frequency.zip"));
        var contract = feeds.WriteContract(File.ReadAllText(RepoPaths.SampleContract)
            .Replace("../gtfs/reseau-exemple.zip", "../gtfs/frequency.zip", StringComparison.Ordinal));
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(provider, contract);
        var client = await hub.ClientForAsync("agence-urbanisme");

        // 2026-01-05 is the representative weekday (precomputed); 2026-01-06 is computed from the store on request.
        foreach (var query in new[] { "", "?date=20260106" })
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync("/stop-maps/stops/gtfs-reseau/A" + query));
            var p = json.RootElement.GetProperty("properties");
            // Runs every 10 minutes from 06:00 to before 08:00 (12) and the night trip at 25:10.
            Assert.Equal(13, p.GetProperty("num_trips").GetInt32());
            Assert.Equal(2, p.GetProperty("num_routes").GetInt32());
            var hourly = p.GetProperty("departures_per_hour").EnumerateArray().Select(h => h.GetInt32()).ToArray();
            Assert.Equal(26, hourly.Length);
            Assert.Equal(6, hourly[6]);
            Assert.Equal(6, hourly[7]);
            Assert.Equal(1, hourly[25]);
            Assert.Equal(10.0, p.GetProperty("max_headway").GetDouble());
            Assert.Equal(10.0, p.GetProperty("mean_headway").GetDouble());
            Assert.Equal("06:00:00", p.GetProperty("start_time").GetString());
            Assert.Equal("25:10:00", p.GetProperty("end_time").GetString());
        }
        var runs = await hub.WithDbAsync(db => db.Set<GtfsFrequencyRunRecord>().CountAsync());
        Assert.Equal(12, runs);
    }

    private static string WriteFeed(string path)
    {
        var files = new Dictionary<string, string>
        {
            ["agency.txt"] = "agency_id,agency_name,agency_url,agency_timezone\nX,Exemple,https://example.org,Europe/Paris\n",
            ["stops.txt"] = "stop_id,stop_name,stop_lat,stop_lon\nA,Théâtre des Arts,49.440000,1.089000\nB,Saint-Sever,49.432000,1.088000\n",
            ["routes.txt"] = "route_id,agency_id,route_short_name,route_long_name,route_type\nF,X,F,Fréquence,3\nN,X,N,Noctambus,3\n",
            ["trips.txt"] = "route_id,service_id,trip_id\nF,S,F1\nN,S,N1\n",
            ["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                + "F1,06:00:00,06:00:00,A,1\nF1,06:05:00,06:05:00,B,2\nN1,25:10:00,25:10:00,A,1\nN1,25:15:00,25:15:00,B,2\n",
            ["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs,exact_times\nF1,06:00:00,08:00:00,600,1\n",
            ["calendar.txt"] = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nS,1,1,1,1,1,0,0,20260101,20271231\n",
            ["feed_info.txt"] = "feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date\nExemple,https://example.org,fr,20260101,20271231\n",
        };
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in files)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
        return path;
    }
}
