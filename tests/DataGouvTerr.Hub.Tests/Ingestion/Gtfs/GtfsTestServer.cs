using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gtfs;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) serving one GTFS zip at <c>/gtfs.zip</c> with an ETag and a
/// Last-Modified date, answering conditional requests with 304 unless told to ignore them, or failing with 500 on
/// demand. It records the validators of each request it receives.
/// </summary>
public sealed class GtfsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile Response _response = new([], "\"0\"", DateTimeOffset.UnixEpoch, HonourConditionals: true, Status: 200);

    private GtfsTestServer(WebApplication app) => _app = app;

    public Uri FeedUrl { get; private set; } = null!;

    /// <summary>If-None-Match and If-Modified-Since of every request, in order (null when absent).</summary>
    public ConcurrentQueue<(string? IfNoneMatch, DateTimeOffset? IfModifiedSince)> Requests { get; } = new();

    public static async Task<GtfsTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GtfsTestServer(app);
        app.MapGet("/gtfs.zip", server.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.FeedUrl = new Uri(new Uri(address + "/"), "gtfs.zip");
        return server;
    }

    /// <summary>Serves these bytes from now on, with this ETag and Last-Modified.</summary>
    public void Serve(byte[] content, string etag, DateTimeOffset lastModified, bool honourConditionals = true) =>
        _response = new Response(content, etag, lastModified, honourConditionals, 200);

    /// <summary>Answers every request with this status and no body.</summary>
    public void FailWith(int status) => _response = _response with { Status = status };

    private IResult Handle(HttpContext http)
    {
        var headers = http.Request.GetTypedHeaders();
        Requests.Enqueue((http.Request.Headers.IfNoneMatch.Count > 0 ? http.Request.Headers.IfNoneMatch.ToString() : null, headers.IfModifiedSince));
        var r = _response;
        if (r.Status != 200)
        {
            return Results.StatusCode(r.Status);
        }

        http.Response.Headers.ETag = r.ETag;
        http.Response.GetTypedHeaders().LastModified = r.LastModified;
        var notModified = http.Request.Headers.IfNoneMatch.Count > 0
            ? http.Request.Headers.IfNoneMatch.ToString() == r.ETag
            : headers.IfModifiedSince >= r.LastModified;
        return r.HonourConditionals && notModified
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(r.Content, "application/zip");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Response(byte[] Content, string ETag, DateTimeOffset LastModified, bool HonourConditionals, int Status);
}
