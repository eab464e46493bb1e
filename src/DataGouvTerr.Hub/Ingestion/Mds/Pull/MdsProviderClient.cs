using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace DataGouvTerr.Hub.Ingestion.Mds.Pull;

/// <summary>What a Provider API answered for one hour of one endpoint.</summary>
public enum MdsHourStatus
{
    /// <summary>200: the hour is processed; <see cref="MdsHourResult.Items"/> holds every page's items.</summary>
    Ready,
    /// <summary>202: data is not yet available for this hour; ask again later.</summary>
    NotReady,
    /// <summary>404: hour not in the past, or no operations during it (an empty hour once it is in the past).</summary>
    NoData,
}

/// <summary>Items of one hour (all pages), or why there are none.</summary>
public sealed record MdsHourResult(MdsHourStatus Status, IReadOnlyList<JsonElement> Items, int Pages);

/// <summary>
/// Typed client of an operator's MDS 2.0 Provider API (reference/provider.yaml). Asks for the MDS media type,
/// authenticates with the feed's bearer token and follows JSON:API <c>links.next</c> until it is null. Transient
/// failures (5xx, 408, 429, network) are retried with back-off by the resilience handler registered with the client;
/// what still fails is thrown, so the job fails and Hangfire retries it later.
/// </summary>
public sealed class MdsProviderClient(HttpClient http)
{
    public const string MediaType = "application/vnd.mds+json";
    private const int MaxPages = 10_000;

    public async Task<MdsHourResult> GetHourAsync(MdsPullFeedOptions feed, MdsProviderEndpoint endpoint, DateTimeOffset hour, CancellationToken ct)
    {
        var first = new Uri(BaseOf(feed), $"{endpoint.Path}?{endpoint.HourParameter}={MdsProviderEndpoint.DayHour(hour)}");
        return await GetPagesAsync(feed, first, endpoint.PayloadKey, ct);
    }

    /// <summary><c>GET /vehicles</c>, every page: the fleet, so pulled trips and events name known devices.</summary>
    public Task<MdsHourResult> GetVehiclesAsync(MdsPullFeedOptions feed, CancellationToken ct) =>
        GetPagesAsync(feed, new Uri(BaseOf(feed), "vehicles"), "vehicles", ct);

    private async Task<MdsHourResult> GetPagesAsync(MdsPullFeedOptions feed, Uri first, string payloadKey, CancellationToken ct)
    {
        var items = new List<JsonElement>();
        var seen = new HashSet<Uri>();
        Uri? next = first;
        var pages = 0;
        while (next is not null)
        {
            if (!seen.Add(next) || pages >= MaxPages)
            {
                throw new InvalidDataException($"Provider paging loops or never ends at {next} after {pages} pages.");
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse($"{MediaType};version=2.0"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
            if (!string.IsNullOrEmpty(feed.Token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", feed.Token);
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            // A page after the first answering 202/404 means the provider changed its mind mid-hour: treat the hour
            // as not ready so it is fetched again whole (what was stored is deduplicated on the way in).
            switch (response.StatusCode)
            {
                case HttpStatusCode.Accepted:
                    return new MdsHourResult(MdsHourStatus.NotReady, [], pages);
                case HttpStatusCode.NotFound:
                    return pages == 0 ? new MdsHourResult(MdsHourStatus.NoData, [], 0) : new MdsHourResult(MdsHourStatus.NotReady, [], pages);
            }
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(payloadKey, out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"Provider answer of {next} has no '{payloadKey}' array.");
            }
            foreach (var item in array.EnumerateArray())
            {
                items.Add(item.Clone());
            }
            pages++;
            next = NextLink(root, next);
        }
        return new MdsHourResult(MdsHourStatus.Ready, items, pages);
    }

    private static Uri? NextLink(JsonElement root, Uri current) =>
        root.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object
            && links.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(next.GetString())
            ? new Uri(current, next.GetString()!) // relative links resolve against the page that named them
            : null;

    /// <summary>The base URL with a trailing slash, so relative paths append instead of replacing the last segment.</summary>
    private static Uri BaseOf(MdsPullFeedOptions feed)
    {
        var url = feed.BaseUrl ?? throw new InvalidOperationException("The feed has no Provider BaseUrl configured.");
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }
}
