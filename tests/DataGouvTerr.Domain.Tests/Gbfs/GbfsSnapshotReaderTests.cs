using DataGouvTerr.Domain.Gbfs;

namespace DataGouvTerr.Domain.Tests.Gbfs;

public class GbfsSnapshotReaderTests
{
    [Fact]
    public void Reads_every_official_2_3_file_of_a_discovery()
    {
        var notices = new GbfsNoticeCollector();
        using var envelope = GbfsReference.Envelope("gbfs-json-schema/fixtures/v2.3/gbfs.json", notices);
        var discovery = GbfsDiscoveryReader.Read(envelope, new Uri("https://test.com/gbfs"), notices)!;
        var files = GbfsFiles.Polled
            .Where(f => File.Exists(GbfsReference.PathOf($"gbfs-json-schema/fixtures/v2.3/{f}.json")))
            .ToDictionary(f => f, f => GbfsReference.Bytes($"gbfs-json-schema/fixtures/v2.3/{f}.json"));

        var snapshot = GbfsSnapshotReader.Read(discovery, files, GbfsSnapshots.Now, notices);

        Assert.Equal(2, snapshot.Stations!.Count);
        Assert.Equal(2, snapshot.StationStatuses!.Count);
        Assert.Single(snapshot.Vehicles!);
        Assert.Equal(2, snapshot.VehicleTypes!.Count);
        Assert.NotEmpty(snapshot.GeofencingZones!);
        Assert.Equal("TST:System:Test", snapshot.SystemInformation!.SystemId);
        Assert.Equal(files.Count, snapshot.Files.Count);
        Assert.Empty(notices.ToList());
    }

    [Fact]
    public void A_broken_file_leaves_its_list_null_and_the_others_read()
    {
        var notices = new GbfsNoticeCollector();
        var discovery = GbfsSnapshots.Discovery(GbfsFiles.StationInformation, GbfsFiles.StationStatus);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [GbfsFiles.StationInformation] = GbfsReference.Bytes("gbfs-json-schema/fixtures/v2.3/station_information.json"),
            [GbfsFiles.StationStatus] = GbfsReference.Json("""{"last_updated": 17"""),
        };

        var snapshot = GbfsSnapshotReader.Read(discovery, files, GbfsSnapshots.Now, notices);

        Assert.Equal(2, snapshot.Stations!.Count);
        Assert.Null(snapshot.StationStatuses);
        Assert.Contains(notices.ToList(), n => n.Code == GbfsNoticeCodes.InvalidJson && n.Location.Source.EndsWith("station_status.json", StringComparison.Ordinal));
    }
}
