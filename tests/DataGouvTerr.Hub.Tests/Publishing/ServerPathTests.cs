using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGouvTerr.Hub.Publishing;
using DataGouvTerr.Hub.Tests.Infrastructure;
using DataGouvTerr.Hub.Tests.Ingestion.Gbfs;
using DataGouvTerr.Hub.Tests.Publishing.StopMaps;

namespace DataGouvTerr.Hub.Tests.Publishing;

/// <summary>Members see a feed's id and the kind of its source, never where the server keeps its files.</summary>
public sealed class ServerPathTests
{
    [Fact]
    public async Task A_gtfs_report_names_the_feed_and_version_not_the_file_the_validator_read()
    {
        await using var hub = await StopMapsEndpointTests.StartLoadedAsync(StoreProviders.Sqlite);
        var client = await hub.ClientForAsync("reseau-astuce-exemple");
        var versions = await client.GetFromJsonAsync<JsonElement>("/gtfs/feeds/gtfs-reseau/versions");
        var version = versions.GetProperty("versions")[0];

        var json = await client.GetStringAsync(version.GetProperty("report_json").GetString());
        var html = await client.GetStringAsync(version.GetProperty("report_html").GetString());

        using var report = JsonDocument.Parse(json);
        Assert.Equal($"gtfs-reseau (version {version.GetProperty("id").GetInt64()})", report.RootElement.GetProperty("feed").GetString());
        foreach (var body in new[] { json, html })
        {
            Assert.DoesNotContain(RepoPaths.Root, body, StringComparison.Ordinal);
            Assert.DoesNotContain("/tmp/", body, StringComparison.Ordinal);
            Assert.DoesNotContain(".zip", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_gbfs_feed_status_shows_no_file_url()
    {
        await using var hub = await GbfsHub.StartAsync(StoreProviders.Sqlite, discoveryUrl: null);
        await hub.PollAsync();
        var provider = await hub.ClientForAsync("velos-rouen");

        var response = await provider.GetAsync("/gbfs/feeds/gbfs-velos");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("file:", body, StringComparison.Ordinal);
        Assert.DoesNotContain(RepoPaths.Root, body, StringComparison.Ordinal);
        using var status = JsonDocument.Parse(body);
        Assert.Equal("file", status.RootElement.GetProperty("source_kind").GetString());
        Assert.NotEmpty(status.RootElement.GetProperty("files").EnumerateArray());
    }

    [Theory]
    [InlineData("https://gbfs.example.org/gbfs.json", "https://gbfs.example.org/gbfs.json", "url")]
    [InlineData("file:///srv/datagouvterr/feeds/gbfs/gbfs.json", null, "file")]
    [InlineData("/srv/datagouvterr/feeds/gbfs/gbfs.json", null, "file")]
    public void Only_public_addresses_are_shown(string source, string? shown, string kind)
    {
        Assert.Equal(shown, MemberFacingSource.Url(source));
        Assert.Equal(kind, MemberFacingSource.Kind(source));
    }

    [Fact]
    public void Paths_in_messages_are_replaced_but_public_urls_and_prose_stay()
    {
        var text = MemberFacingSource.Text("Could not read file:///srv/dgt/feeds/x.json nor /srv/dgt/data/y.zip; see https://gbfs.example.org/a/b.json and /health");

        Assert.Equal("Could not read [local file] nor [local file]; see https://gbfs.example.org/a/b.json and /health", text);
    }
}
