using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Ingestion.Sources;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Sources;

/// <summary>
/// Issue 11, leak 4: the hub fetches a feed only from a local file under its feed folder, an https URL, or an http URL
/// to an allowed host. The contract validator refuses absolute and file:// sources (Domain tests); these check the
/// second lock, at fetch time, through the hub's own services and jobs.
/// </summary>
public sealed class FeedSourcePolicyTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Only_the_feed_folder_https_and_allowed_http_hosts_may_be_fetched(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var policy = hub.Services.GetRequiredService<FeedSourcePolicy>();
        var feeds = Path.GetDirectoryName(Path.GetDirectoryName(RepoPaths.SampleContract))!;

        // By default the feed folder is the one above the contract's: the demo's feeds/.
        Assert.Equal(feeds + Path.DirectorySeparatorChar, policy.LocalRoot);
        Assert.Null(policy.RefusalFor(new Uri(Path.Combine(feeds, "gbfs", "gbfs.json"))));
        Assert.Contains("outside the feed folder", policy.RefusalFor(new Uri("file:///etc/passwd")), StringComparison.Ordinal);
        Assert.Contains("outside the feed folder", policy.RefusalForFile(Path.Combine(feeds, "contracts", "../../../../etc/passwd")), StringComparison.Ordinal);
        // A sibling folder whose name starts like the feed folder's is not inside it.
        Assert.NotNull(policy.RefusalForFile(feeds + "-private/secret.zip"));
        Assert.Null(policy.RefusalFor(new Uri("https://example.org/gtfs.zip")));
        Assert.Contains("not an allowed plain-http host", policy.RefusalFor(new Uri("http://example.org/gtfs.zip")), StringComparison.Ordinal);
        Assert.Null(policy.RefusalFor(new Uri("http://127.0.0.1:8080/gbfs.json"))); // allowed by the test configuration
        Assert.NotNull(policy.RefusalFor(new Uri("ftp://example.org/gtfs.zip")));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_file_source_outside_the_configured_folder_is_not_read(string provider)
    {
        // The sample contract's file sources (../gtfs, ../gbfs) lie outside this empty folder: nothing may be read.
        var elsewhere = Directory.CreateTempSubdirectory("dgt-feed-root-").FullName;
        try
        {
            await using var hub = await HubFactory.StartAsync(provider, new Dictionary<string, string?> { ["FeedSources:LocalRoot"] = elsewhere });
            await using var scope = hub.Scope();
            var services = scope.ServiceProvider;

            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => services.GetRequiredService<GtfsIngestionJob>().RunAsync("gtfs-reseau", CancellationToken.None));
            var gtfs = await hub.WithDbAsync(db => db.Set<GtfsFeedState>().SingleAsync(s => s.FeedId == "gtfs-reseau"));
            Assert.Contains("Feed source refused", gtfs.LastError, StringComparison.Ordinal);
            Assert.Null(gtfs.CurrentVersionId);

            await services.GetRequiredService<GbfsPollJob>().RunAsync("gbfs-velos", CancellationToken.None);
            var gbfs = await hub.WithDbAsync(db => db.Set<GbfsFeedState>().SingleAsync(s => s.FeedId == "gbfs-velos"));
            Assert.Contains("feed source refused", gbfs.LastError, StringComparison.Ordinal);
            Assert.Null(gbfs.LastIngestedAt);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
