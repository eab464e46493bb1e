using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DataGouvTerr.Domain.Mds.Simulation;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds.Pull;

/// <summary>
/// An operator's MDS 2.0 Provider API on 127.0.0.1 (real Kestrel, real HTTP) serving simulated data hour by hour,
/// with knobs for what the pull job must cope with: paging, 202 (not ready), 404 (no operations / future hour),
/// transient 503s, and a token check. Records every request so tests can see what the hub asked.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    public const string Token = "provider-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();

    private FakeProviderServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>Items per page; the hub must follow <c>links.next</c> to get them all.</summary>
    public int PageSize { get; set; } = 50;
    public List<SimulatedVehicle> Vehicles { get; } = [];
    public List<SimulatedTrip> Trips { get; } = [];
    public List<SimulatedEvent> Events { get; } = [];
    /// <summary>Status forced for an hour (iso-dayhour), e.g. 202 while the operator is still processing it.</summary>
    public ConcurrentDictionary<string, int> HourStatus { get; } = new();
    /// <summary>The provider clock: hours not ending before it are answered 404, as the spec says for future hours.</summary>
    public DateTimeOffset Now { get; set; }
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.MapGet("/provider/vehicles", (HttpContext http) => server.Serve(http, "vehicles", "vehicles", null));
        app.MapGet("/provider/trips", (HttpContext http, string? end_time) => server.Serve(http, "trips", "trips", end_time));
        app.MapGet("/provider/events/historical", (HttpContext http, string? event_time) => server.Serve(http, "events", "events", event_time));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/provider/");
        return server;
    }

    /// <summary>The next <paramref name="count"/> requests to <paramref name="endpoint"/> fail with 503 (a flaky operator).</summary>
    public void FailNext(string endpoint, int count) => _failuresLeft[endpoint] = count;

    public int RequestCount(string pathPart) => Requests.Count(r => r.Contains(pathPart, StringComparison.Ordinal));

    private IResult Serve(HttpContext http, string endpoint, string key, string? hourText)
    {
        Requests.Enqueue(http.Request.Path + http.Request.QueryString);
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            return Results.StatusCode(401);
        }
        if (!http.Request.Headers.Accept.ToString().Replace(" ", "", StringComparison.Ordinal)
                .Contains("application/vnd.mds+json;version=2.0", StringComparison.Ordinal))
        {
            return Results.StatusCode(406);
        }
        if (_failuresLeft.TryGetValue(endpoint, out var left) && left > 0)
        {
            _failuresLeft[endpoint] = left - 1;
            return Results.StatusCode(503);
        }

        IEnumerable<Action<Utf8JsonWriter>> items;
        if (hourText is null)
        {
            items = Vehicles.Select(v => (Action<Utf8JsonWriter>)(w => MdsPayloadWriter.WriteVehicle(w, v)));
        }
        else
        {
            if (!DateTimeOffset.TryParseExact(hourText + ":00:00Z", "yyyy-MM-dd'T'HH:mm:ssZ", null,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var hour))
            {
                return Results.StatusCode(400);
            }
            if (HourStatus.TryGetValue(hourText, out var forced))
            {
                return Results.StatusCode(forced);
            }
            if (hour.AddHours(1) > Now)
            {
                return Results.StatusCode(404);
            }
            var end = hour.AddHours(1);
            items = key == "trips"
                ? Trips.Where(t => t.EndTime >= hour && t.EndTime < end).Select(t => (Action<Utf8JsonWriter>)(w => MdsPayloadWriter.WriteTrip(w, t)))
                : Events.Where(e => e.Timestamp >= hour && e.Timestamp < end).Select(e => (Action<Utf8JsonWriter>)(w => MdsPayloadWriter.WriteEvent(w, e)));
            var list = items.ToList();
            if (list.Count == 0)
            {
                return Results.StatusCode(404); // "no operations during this hour"
            }
            items = list;
        }

        var all = items.ToList();
        var page = int.TryParse(http.Request.Query["page"], out var p) ? p : 0;
        var slice = all.Skip(page * PageSize).Take(PageSize).ToList();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "2.0");
            writer.WriteStartArray(key);
            foreach (var write in slice)
            {
                write(writer);
            }
            writer.WriteEndArray();
            writer.WriteStartObject("links");
            if ((page + 1) * PageSize < all.Count)
            {
                var query = hourText is null ? $"page={page + 1}" : $"{(key == "trips" ? "end_time" : "event_time")}={hourText}&page={page + 1}";
                // Alternate absolute and relative next links: the spec allows both readings of JSON:API.
                writer.WriteString("next", page % 2 == 0
                    ? new Uri(BaseUrl, (key == "events" ? "events/historical" : key) + "?" + query).AbsoluteUri
                    : "?" + query);
            }
            else
            {
                writer.WriteNull("next");
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), $"{MdsProviderClient.MediaType};version=2.0", Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
