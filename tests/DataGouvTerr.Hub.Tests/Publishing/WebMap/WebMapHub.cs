using System.Net;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Demo;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Ingestion.Mds.Storage;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Publishing.Flows;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.WebMap;

/// <summary>
/// The whole hub on a real 127.0.0.1 port (Kestrel, not the in-memory test server: a browser must reach it) on a
/// fresh SQLite file, with the sample data loaded the way the demo has it: the sample contract, the GTFS sample
/// feed, the GBFS sample system, two days of the demo's MDS data (small fleets), plus a day of trips built in code three days ago (past the
/// métropole's 24 h embargo whatever the weekday) so the OD product is never empty. Flow products are built for
/// every day that has trips. Jobs are run directly; the job server is off.
/// </summary>
public sealed class WebMapHub : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("dgt-webmap-test-").FullName;

    public WebMapHub()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The day of the trips built in code (three days ago, UTC): 55 trips at 08:00, 15 at 17:00.</summary>
    public DateTimeOffset BuiltDay { get; } = new(DateTime.UtcNow.Date.AddDays(-3), TimeSpan.Zero);

    /// <summary>Where the hub listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebMapHub> StartLoadedAsync()
    {
        var hub = new WebMapHub();
        hub.StartServer();
        var addresses = hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        hub.BaseAddress = new Uri(addresses.Single());
        await hub.LoadSampleAsync();
        return hub;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:Provider", StoreProviders.Sqlite);
        builder.UseSetting("Store:DataDirectory", _dataDirectory);
        builder.UseSetting("Contract:Path", RepoPaths.SampleContract);
        builder.UseSetting("Hub:RunJobServer", "false");
        builder.UseSetting("RateLimits:PerToken:PermitLimit", "1000000"); // a browser's page load is not throttled in tests
        builder.UseSetting("RateLimits:PerAddress:PermitLimit", "1000000");
        // Two days of the demo at a twentieth of its fleets: enough trips and vehicles for every layer, quick to load.
        builder.UseSetting("Demo:Days", "2");
        builder.UseSetting("Demo:FleetScale", "0.05");
    }

    public async Task<string> CreateTokenAsync(string memberId)
    {
        await using var scope = Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(memberId, null, "web map test", CancellationToken.None);
        return issued.PlainText;
    }

    public async Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    private async Task LoadSampleAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            Assert.Equal(GtfsIngestOutcome.Loaded, await services.GetRequiredService<GtfsIngestionJob>().RunAsync("gtfs-reseau", CancellationToken.None));
            await services.GetRequiredService<GbfsPollJob>().RunAsync("gbfs-velos", CancellationToken.None);
            var demo = await services.GetRequiredService<DemoLoader>().LoadAsync(CancellationToken.None);
            Assert.All(demo.Feeds, f => Assert.Null(f.Skipped));
        }

        var day = BuiltDay;
        var trips = new List<MdsTripRecord>();
        for (var i = 0; i < 40; i++)
        {
            trips.Add(FlowSeed.Trip(day.AddHours(8).AddMinutes(i), FlowSeed.RouenCentre, FlowSeed.Sotteville, 600 + i, 2500, $"w{i % 12}"));
        }
        for (var i = 0; i < 3; i++)
        {
            // A small flow: under the release threshold, never listed (so never drawn).
            trips.Add(FlowSeed.Trip(day.AddHours(8).AddMinutes(10 + i), FlowSeed.RouenCentre, FlowSeed.Canteleu, 900, 5000, $"w{i}"));
        }
        for (var i = 0; i < 12; i++)
        {
            trips.Add(FlowSeed.Trip(day.AddHours(8).AddMinutes(20 + i), FlowSeed.RouenCentre, FlowSeed.Deville, 500, 3500, $"w{i}"));
        }
        for (var i = 0; i < 45; i++)
        {
            // A second bin, so the time-bin selector has a choice to make (busy enough to pass the release threshold).
            trips.Add(FlowSeed.Trip(day.AddHours(17).AddMinutes(i), FlowSeed.Sotteville, FlowSeed.RouenCentre, 700, 2600, $"w{i % 12}"));
        }
        await WithDbAsync(async db =>
        {
            db.AddRange(trips);
            return await db.SaveChangesAsync();
        });

        var (firstMs, lastMs) = await WithDbAsync(async db =>
            (await db.Set<MdsTripRecord>().MinAsync(t => t.StartTimeMs), await db.Set<MdsTripRecord>().MaxAsync(t => t.StartTimeMs)));
        var first = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(firstMs).UtcDateTime);
        var last = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(lastMs).UtcDateTime);
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FlowAggregationJob>()
                .RunAsync(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background thread; the temp folder is cleaned by the OS.
        }
    }
}
