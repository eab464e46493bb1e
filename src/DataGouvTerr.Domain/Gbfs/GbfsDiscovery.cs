using System.Text.Json;
using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>What <c>gbfs.json</c> says: the version, its ttl, and the URL of each file the system publishes.</summary>
public sealed record GbfsDiscovery(GbfsVersion Version, int TtlSeconds, DateTimeOffset? LastUpdated, IReadOnlyDictionary<string, Uri> Files)
{
    /// <summary>The free-floating vehicles file: <c>vehicle_status</c> (3.0) or <c>free_bike_status</c> (2.x).</summary>
    public Uri? VehicleStatusUrl =>
        Files.GetValueOrDefault(GbfsFiles.VehicleStatus) ?? Files.GetValueOrDefault(GbfsFiles.FreeBikeStatus);
}

/// <summary>
/// Reads auto-discovery files. 2.x lists feeds per language (<c>data.fr.feeds</c>); the hub takes French, then
/// English, then the first language. 3.0 lists them once (<c>data.feeds</c>). Relative URLs are resolved against
/// the discovery URL, which lets the demo's <c>feeds/gbfs/gbfs.json</c> point at neighbouring files.
/// </summary>
public static class GbfsDiscoveryReader
{
    private static readonly string[] PreferredLanguages = ["fr", "en"];

    public static GbfsDiscovery? Read(GbfsEnvelope envelope, Uri baseUri, GbfsNoticeCollector notices)
    {
        var feeds = FindFeeds(envelope);
        if (feeds is null)
        {
            notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(envelope.Source, "data", "feeds"),
                "The discovery file lists no feeds.");
            return null;
        }

        var files = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var index = 0;
        foreach (var feed in feeds.Value.EnumerateArray())
        {
            var name = GbfsJson.String(feed, "name");
            var url = GbfsJson.String(feed, "url");
            if (name is null || url is null || !Uri.TryCreate(baseUri, url, out var resolved))
            {
                notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Warning, new NoticeLocation(envelope.Source, $"data.feeds[{index}]", "url", url),
                    "Feed entry without a usable name or URL is ignored.");
            }
            else
            {
                files.TryAdd(name, resolved);
            }

            index++;
        }

        return new GbfsDiscovery(envelope.Version, envelope.TtlSeconds, envelope.LastUpdated, files);
    }

    private static JsonElement? FindFeeds(GbfsEnvelope envelope)
    {
        if (GbfsJson.Property(envelope.Data, "feeds") is { ValueKind: JsonValueKind.Array } direct)
        {
            return direct;
        }

        var languages = envelope.Data.EnumerateObject()
            .Where(p => GbfsJson.Property(p.Value, "feeds") is { ValueKind: JsonValueKind.Array })
            .ToList();
        var chosen = PreferredLanguages.Select(l => languages.FirstOrDefault(p => p.Name.Equals(l, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(p => p.Value.ValueKind != JsonValueKind.Undefined);
        if (chosen.Value.ValueKind == JsonValueKind.Undefined && languages.Count > 0)
        {
            chosen = languages[0];
        }

        return chosen.Value.ValueKind == JsonValueKind.Undefined ? null : chosen.Value.GetProperty("feeds");
    }
}

/// <summary>
/// Reads a 3.0 <c>manifest.json</c> and picks, for one system, the discovery URL of the newest version the hub
/// validates exactly (3.0, then 2.3), else the newest listed.
/// </summary>
public static class GbfsManifestReader
{
    public static Uri? PickDiscoveryUrl(GbfsEnvelope envelope, Uri baseUri, string? systemId, GbfsNoticeCollector notices)
    {
        var datasets = GbfsJson.Array(envelope.Data, "datasets").ToList();
        var dataset = datasets.FirstOrDefault(d => systemId is null || GbfsJson.String(d, "system_id") == systemId);
        if (dataset.ValueKind == JsonValueKind.Undefined)
        {
            notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(envelope.Source, "data.datasets", "system_id", systemId),
                "The manifest lists no data set for this system.");
            return null;
        }

        var versions = GbfsJson.Array(dataset, "versions")
            .Select(v => (Version: GbfsVersion.TryParse(GbfsJson.String(v, "version")), Url: GbfsJson.String(v, "url")))
            .Where(v => v.Version is not null && v.Url is not null && Uri.TryCreate(baseUri, v.Url, out _))
            .OrderByDescending(v => v.Version!.IsSupportedExactly)
            .ThenByDescending(v => v.Version!.Major).ThenByDescending(v => v.Version!.Minor)
            .ToList();
        return versions.Count == 0 ? null : new Uri(baseUri, versions[0].Url!);
    }
}
