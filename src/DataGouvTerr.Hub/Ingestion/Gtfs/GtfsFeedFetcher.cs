using System.Security.Cryptography;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Ingestion.Sources;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>A fetched GTFS zip on local disk with its SHA-256, or "not modified" from the server.</summary>
public sealed record GtfsFetched(bool NotModified, string? FilePath, string? Sha256, string? ETag, DateTimeOffset? LastModified, bool IsTemporary);

/// <summary>
/// Fetches the zip of a GTFS feed of the contract: a <c>file</c> source relative to <see cref="GtfsOptions.FileSourceRoot"/>
/// or the contract file's folder (as the contract format says), or a <c>url</c> through <see cref="GtfsHttpClient"/>.
/// </summary>
public sealed class GtfsFeedFetcher(GtfsHttpClient http, IOptions<GtfsOptions> options, IOptions<ContractOptions> contractOptions, FeedSourcePolicy policy)
{
    public async Task<GtfsFetched> FetchAsync(FeedDeclaration feed, GtfsFeedState state, CancellationToken ct)
    {
        if (feed.SourceKind == FeedSourceKind.Url)
        {
            var target = Path.Combine(Path.GetTempPath(), $"dgt-gtfs-{feed.Id}-{Guid.NewGuid():N}.zip");
            var download = await http.DownloadAsync(new Uri(feed.Source!), state.LastETag, state.LastModified, target, ct);
            return download.NotModified
                ? new GtfsFetched(true, null, null, download.ETag, download.LastModified, false)
                : new GtfsFetched(false, target, await HashAsync(target, ct), download.ETag, download.LastModified, true);
        }

        var root = options.Value.FileSourceRoot
            ?? Path.GetDirectoryName(Path.GetFullPath(contractOptions.Value.Path))
            ?? Directory.GetCurrentDirectory();
        var path = Path.GetFullPath(Path.Combine(root, feed.Source!));
        if (policy.RefusalForFile(path) is { } refusal)
        {
            // Recorded as a failed fetch like an unreadable file; nothing outside the feed folder is opened.
            throw new UnauthorizedAccessException("Feed source refused: " + refusal);
        }
        return new GtfsFetched(false, path, await HashAsync(path, ct), null, null, false);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
