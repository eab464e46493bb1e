using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Domain.Gbfs.Rules;

namespace DataGouvTerr.Domain.Tests.Gbfs;

/// <summary>The demo feed in feeds/gbfs must stay valid: the demo and the Hub tests poll it.</summary>
public class GbfsSampleFeedTests
{
    [Fact]
    public void Sample_feed_validates_and_only_ages()
    {
        var folder = FindFeeds();
        var notices = new GbfsNoticeCollector();
        var discoveryPath = Path.Combine(folder, "gbfs.json");
        using var envelope = GbfsEnvelopeReader.Read(discoveryPath, File.ReadAllBytes(discoveryPath), null, notices)!;
        GbfsSchemaValidator.Validate(envelope, GbfsFiles.Discovery, notices);
        var discovery = GbfsDiscoveryReader.Read(envelope, new Uri(discoveryPath), notices)!;
        var files = discovery.Files.ToDictionary(f => f.Key, f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f.Value.LocalPath));

        var snapshot = GbfsSnapshotReader.Read(discovery, files, DateTimeOffset.FromUnixTimeSeconds(1764489600 + 30), notices);
        GbfsRules.Run(GbfsRules.All, snapshot, new GbfsRuleContext(snapshot.FetchedAt, GbfsSnapshots.Rouen), notices);

        Assert.Empty(notices.ToList());
        Assert.Equal(20, snapshot.Stations!.Count);
        Assert.Equal(8, snapshot.Vehicles!.Count);
        Assert.Single(snapshot.GeofencingZones!);
    }

    private static string FindFeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataGouvTerr.sln")))
            {
                return Path.Combine(dir.FullName, "feeds", "gbfs");
            }
        }

        throw new DirectoryNotFoundException("repository root not found");
    }
}
