using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>What a conditional GTFS download returned: not modified, or a file on disk with its new validators.</summary>
public sealed record GtfsDownload(bool NotModified, string? FilePath, string? ETag, DateTimeOffset? LastModified);

/// <summary>
/// Typed HTTP client that downloads a GTFS zip with ETag / If-Modified-Since, streaming it to a file. A server error,
/// 408, 429 or a dropped connection is retried a few times (<see cref="GtfsOptions.HttpAttempts"/>) before the
/// failure reaches the job, which then counts it and lets Hangfire retry later.
/// </summary>
public sealed class GtfsHttpClient(HttpClient http, IOptions<GtfsOptions> options, TimeProvider clock)
{
    public async Task<GtfsDownload> DownloadAsync(Uri url, string? etag, DateTimeOffset? lastModified, string targetFile, CancellationToken ct)
    {
        var attempts = Math.Max(1, options.Value.HttpAttempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DownloadOnceAsync(url, etag, lastModified, targetFile, ct);
            }
            catch (Exception e) when (attempt < attempts && IsTransient(e, ct))
            {
                var delay = options.Value.HttpRetryDelay * attempt;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, clock, ct);
                }
            }
        }
    }

    private async Task<GtfsDownload> DownloadOnceAsync(Uri url, string? etag, DateTimeOffset? lastModified, string targetFile, CancellationToken ct)
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

    /// <summary>Worth another attempt now: 5xx, 408, 429, a network error or a timeout (not the caller's cancellation).</summary>
    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        TaskCanceledException or IOException => !ct.IsCancellationRequested,
        _ => false,
    };
}
