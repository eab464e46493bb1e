using DataGouvTerr.Domain.Gbfs;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsDiscoveryReaderTests
{
    private static readonly Uri Base = new("https://example.org/gbfs/gbfs.json");

    [Fact]
    public void Reads_2_3_feeds_listed_per_language()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v2.3/gbfs.json", notices);

        var discovery = GbfsDiscoveryReader.Read(envelope, Base, notices)!;

        Assert.Equal(12, discovery.Files.Count);
        Assert.Equal(new Uri("https://test.com/station_status"), discovery.Files[GbfsFiles.StationStatus]);
        Assert.Equal(new Uri("https://test.com/free_bike_status"), discovery.VehicleStatusUrl);
    }

    [Fact]
    public void Reads_3_0_feeds_and_prefers_vehicle_status()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v3.0/gbfs.json", notices);

        var discovery = GbfsDiscoveryReader.Read(envelope, Base, notices)!;

        Assert.Equal(GbfsVersion.V30, discovery.Version);
        Assert.EndsWith("/vehicle-status", discovery.VehicleStatusUrl!.ToString(), StringComparison.Ordinal);
        Assert.Empty(notices.ToList());
    }

    [Fact]
    public void Relative_urls_resolve_against_the_discovery_file()
    {
        using var envelope = GbfsReference.EnvelopeOf("""
            {"last_updated": 1700000000, "ttl": 60, "version": "2.3",
             "data": {"de": {"feeds": [{"name": "station_status", "url": "de/station_status.json"}]},
                      "fr": {"feeds": [{"name": "station_status", "url": "station_status.json"}]}}}
            """);

        var discovery = GbfsDiscoveryReader.Read(envelope, new Uri("file:///srv/feeds/gbfs/gbfs.json"), new GbfsNoticeCollector())!;

        Assert.Equal(new Uri("file:///srv/feeds/gbfs/station_status.json"), discovery.Files[GbfsFiles.StationStatus]);
    }

    [Fact]
    public void Manifest_picks_the_newest_version_the_hub_validates()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v3.0/manifest.json", notices);

        var url = GbfsManifestReader.PickDiscoveryUrl(envelope, Base, "example_berlin", notices);

        Assert.Equal(new Uri("https://berlin.example.com/gbfs/3.0"), url);
    }
}
