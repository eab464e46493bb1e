using System.Net;
using System.Net.Http.Headers;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>What a conditional GTFS download returned: not modified, or a file on disk with its new validators.</summary>
public sealed record GtfsDownload(bool NotModified, string? FilePath, string? ETag, DateTimeOffset? LastModified);

/// <summary>Typed HTTP client that downloads a GTFS zip with ETag / If-Modified-Since, streaming it to a file.</summary>
public sealed class GtfsHttpClient(HttpClient http)
{
    public async Task<GtfsDownload> DownloadAsync(Uri url, string? etag, DateTimeOffset? lastModified, string targetFile, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (lastModified is not null)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new GtfsDownload(true, null, etag, lastModified);
        }
        response.EnsureSuccessStatusCode();
        await using (var file = File.Create(targetFile))
        {
            await response.Content.CopyToAsync(file, ct);
        }
        return new GtfsDownload(false, targetFile, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
    }
}
