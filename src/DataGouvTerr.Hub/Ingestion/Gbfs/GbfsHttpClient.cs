using System.Net;
using System.Net.Http.Headers;
using DataGouvTerr.Hub.Ingestion.Sources;

namespace DataGouvTerr.Hub.Ingestion.Gbfs;

/// <summary>The HTTP validators kept from the last fetch of a file, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record GbfsCacheValidators(string? ETag, DateTimeOffset? LastModified);

public enum GbfsFetchOutcome
{
    Fetched,
    NotModified,
    Failed,
}

/// <summary>The result of fetching one file: its bytes when fetched, new validators, or why it failed.</summary>
public sealed record GbfsFetchResult(GbfsFetchOutcome Outcome, byte[]? Content, GbfsCacheValidators Validators, string? Error = null, bool TooLarge = false)
{
    public static GbfsFetchResult Failure(string error, bool tooLarge = false) => new(GbfsFetchOutcome.Failed, null, new GbfsCacheValidators(null, null), error, tooLarge);
}

/// <summary>
/// Typed client fetching GBFS files. Honours HTTP caching with conditional requests (a 304 costs no body), caps
/// the payload size, and reads <c>file://</c> URLs from disk for contracts whose source is a local file (the
/// demo), using the file's modification time as its Last-Modified.
/// </summary>
public sealed class GbfsHttpClient(HttpClient http, FeedSourcePolicy policy)
{
    public async Task<GbfsFetchResult> FetchAsync(Uri url, GbfsCacheValidators? validators, long maxBytes, CancellationToken ct)
    {
        if (url.IsFile && policy.RefusalForFile(url.LocalPath) is { } refusal)
        {
            // Every file a discovery names is checked too, not only the contract's source.
            return GbfsFetchResult.Failure("feed source refused: " + refusal);
        }
        try
        {
            return url.IsFile ? await ReadFileAsync(url, validators, maxBytes, ct) : await GetAsync(url, validators, maxBytes, ct);
        }
        catch (HttpRequestException ex)
        {
            return GbfsFetchResult.Failure(ex.Message);
        }
        catch (IOException ex)
        {
            return GbfsFetchResult.Failure(ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return GbfsFetchResult.Failure(ex.Message);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return GbfsFetchResult.Failure($"timeout: {ex.Message}");
        }
    }

    private async Task<GbfsFetchResult> GetAsync(Uri url, GbfsCacheValidators? validators, long maxBytes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var parsed))
        {
            request.Headers.IfNoneMatch.Add(parsed);
        }

        if (validators?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new GbfsFetchResult(GbfsFetchOutcome.NotModified, null, validators ?? new GbfsCacheValidators(null, null));
        }

        if (!response.IsSuccessStatusCode)
        {
            return GbfsFetchResult.Failure($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return GbfsFetchResult.Failure($"{response.Content.Headers.ContentLength} bytes, over the {maxBytes} byte limit", tooLarge: true);
        }

        // Chunked responses announce no length: read at most maxBytes + 1 to tell "too large" without holding more.
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var content = await ReadCappedAsync(body, maxBytes, ct);
        if (content is null)
        {
            return GbfsFetchResult.Failure($"over the {maxBytes} byte limit", tooLarge: true);
        }

        return new GbfsFetchResult(GbfsFetchOutcome.Fetched, content,
            new GbfsCacheValidators(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified));
    }

    private static async Task<GbfsFetchResult> ReadFileAsync(Uri url, GbfsCacheValidators? validators, long maxBytes, CancellationToken ct)
    {
        var file = new FileInfo(url.LocalPath);
        if (!file.Exists)
        {
            return GbfsFetchResult.Failure($"file not found: {url.LocalPath}");
        }

        var modified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        if (validators?.LastModified == modified)
        {
            return new GbfsFetchResult(GbfsFetchOutcome.NotModified, null, validators);
        }

        if (file.Length > maxBytes)
        {
            return GbfsFetchResult.Failure($"{file.Length} bytes, over the {maxBytes} byte limit", tooLarge: true);
        }

        return new GbfsFetchResult(GbfsFetchOutcome.Fetched, await File.ReadAllBytesAsync(file.FullName, ct), new GbfsCacheValidators(null, modified));
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
