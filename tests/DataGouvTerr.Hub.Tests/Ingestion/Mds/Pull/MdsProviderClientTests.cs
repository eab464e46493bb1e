using DataGouvTerr.Domain.Mds.Simulation;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Pull;

/// <summary>The Provider client against a real HTTP server: paging, 202/404 semantics, retries with back-off.</summary>
public sealed class MdsProviderClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private FakeProviderServer _provider = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _provider = await FakeProviderServer.StartAsync();
        var simulation = MdsSimulator.Simulate(new MdsSimulationRequest
        {
            Territory = RouenArea.Polygon,
            Hotspots = RouenArea.Hotspots,
            From = Hour.AddHours(-2),
            To = Hour.AddHours(2),
            VehicleCount = 80,
            Seed = 5,
        });
        _provider.Vehicles.AddRange(simulation.Vehicles);
        _provider.Trips.AddRange(simulation.Trips);
        _provider.Events.AddRange(simulation.Events);
        _provider.Now = Hour.AddHours(1).AddMinutes(10);
        _provider.PageSize = 7;
        _services = ClientServices();
    }

    internal static ServiceProvider ClientServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Tests keep the back-off short; the policy shape (exponential, 4 retries) is the production one.
            ["Mds:PullHttp:Retry:Delay"] = "00:00:00.020",
            // The fake provider listens on plain http on the loopback interface; the hub allows plain http only to listed hosts.
            ["FeedSources:AllowedHttpHosts:0"] = "127.0.0.1",
            ["FeedSources:AllowedHttpHosts:1"] = "localhost",
        }).Build();
        // The feed-source policy binds its options from the configuration in the container, as in the hub.
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddMdsProviderClient(configuration).BuildServiceProvider();
    }

    private MdsPullFeedOptions Feed => new() { BaseUrl = _provider.BaseUrl, Token = FakeProviderServer.Token };

    private MdsProviderClient Client => _services.GetRequiredService<MdsProviderClient>();

    [Fact]
    public async Task Follows_next_links_until_every_page_is_read()
    {
        var expected = _provider.Trips.Count(t => t.EndTime >= Hour && t.EndTime < Hour.AddHours(1));
        Assert.True(expected > 15, $"fixture needs several pages, has {expected} trips");

        var result = await Client.GetHourAsync(Feed, MdsProviderEndpoint.Trips, Hour, CancellationToken.None);

        Assert.Equal(MdsHourStatus.Ready, result.Status);
        Assert.Equal(expected, result.Items.Count);
        Assert.Equal((expected + 6) / 7, result.Pages);
        Assert.Equal(expected, result.Items.Select(i => i.GetProperty("trip_id").GetGuid()).Distinct().Count());
        Assert.Contains(_provider.Requests, r => r == "/provider/trips?end_time=2026-11-30T07");
    }

    [Fact]
    public async Task Answers_202_as_not_ready_and_404_as_no_data()
    {
        _provider.HourStatus["2026-11-30T07"] = 202;
        var notReady = await Client.GetHourAsync(Feed, MdsProviderEndpoint.Events, Hour, CancellationToken.None);
        Assert.Equal(MdsHourStatus.NotReady, notReady.Status);

        // The provider's clock says the next hour is not over: the spec answers 404.
        var future = await Client.GetHourAsync(Feed, MdsProviderEndpoint.Events, Hour.AddHours(1), CancellationToken.None);
        Assert.Equal(MdsHourStatus.NoData, future.Status);
        Assert.Empty(future.Items);
    }

    [Fact]
    public async Task Retries_transient_failures_with_back_off()
    {
        _provider.FailNext("events", 2);
        var result = await Client.GetHourAsync(Feed, MdsProviderEndpoint.Events, Hour, CancellationToken.None);
        Assert.Equal(MdsHourStatus.Ready, result.Status);
        Assert.NotEmpty(result.Items);
        Assert.True(_provider.RequestCount("/events/historical") >= 3);
    }

    [Fact]
    public async Task Gives_up_after_the_retries_so_the_job_fails_and_is_retried_later()
    {
        _provider.FailNext("trips", 100);
        await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetHourAsync(Feed, MdsProviderEndpoint.Trips, Hour, CancellationToken.None));
        Assert.Equal(5, _provider.RequestCount("/trips"));
    }

    [Fact]
    public async Task Reads_the_whole_fleet()
    {
        var result = await Client.GetVehiclesAsync(Feed, CancellationToken.None);
        Assert.Equal(80, result.Items.Count);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
