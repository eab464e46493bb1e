using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Ingestion.Gbfs;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) serving GBFS files from memory, with strong ETags and
/// If-None-Match handling like a CDN, and a count of requests and 304s per path.
/// </summary>
public sealed class GbfsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Content, string ETag)> _files = new();

    private GbfsTestServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public ConcurrentDictionary<string, int> Requests { get; } = new();
    public ConcurrentDictionary<string, int> NotModified { get; } = new();

    public static async Task<GbfsTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GbfsTestServer(app);
        app.MapGet("/{**path}", (HttpContext http, string path) => server.Handle(http, path));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public void Serve(string path, byte[] content) =>
        _files[path] = (content, $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");

    public void Serve(string path, string content) => Serve(path, System.Text.Encoding.UTF8.GetBytes(content));

    public void Remove(string path) => _files.TryRemove(path, out _);

    public int RequestsTo(string path) => Requests.GetValueOrDefault(path);

    /// <summary>A fault injected into every answer (e.g. 503) until set back to 0.</summary>
    public int FailWith { get; set; }

    /// <summary>Answers every request in full, as servers that ignore If-None-Match do (Vélib').</summary>
    public bool IgnoreConditionals { get; set; }

    private IResult Handle(HttpContext http, string path)
    {
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (FailWith != 0)
        {
            return Results.StatusCode(FailWith);
        }

        if (!_files.TryGetValue(path, out var file))
        {
            return Results.NotFound();
        }

        http.Response.Headers.ETag = file.ETag;
        if (!IgnoreConditionals && http.Request.Headers.IfNoneMatch.ToString() == file.ETag)
        {
            NotModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(file.Content, "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
