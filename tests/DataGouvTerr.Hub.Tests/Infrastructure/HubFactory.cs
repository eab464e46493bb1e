using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>
/// The whole hub over its real HTTP pipeline on a fresh store: a new SQLite file in a temp folder, or a new
/// PostGIS database. The job server is off (tests run jobs directly, twice where it matters) unless asked for.
/// Create with <see cref="StartAsync"/>; dispose to delete the store.
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private HubFactory(string provider, string dataDirectory, string? postgres, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        PostgresConnectionString = postgres;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = provider,
            ["Store:DataDirectory"] = dataDirectory,
            ["Store:ConnectionString"] = postgres,
            ["Contract:Path"] = RepoPaths.SampleContract,
            ["Hub:RunJobServer"] = "false",
            // The tests' feed and provider servers listen on plain http on the loopback interface.
            ["FeedSources:AllowedHttpHosts:0"] = "127.0.0.1",
            ["FeedSources:AllowedHttpHosts:1"] = "localhost",
            // The suite's own traffic (thousands of requests from one address and a few tokens) is not throttled;
            // RateLimitTests set small limits of their own.
            ["RateLimits:PerToken:PermitLimit"] = "1000000",
            ["RateLimits:PerAddress:PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public string Provider { get; }
    public string DataDirectory { get; }
    public string? PostgresConnectionString { get; }

    /// <summary>The hub's clock; starts at the real now, advance it to move time.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static async Task<HubFactory> StartAsync(
        string provider,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool kestrel = false)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("dgt-hub-test-").FullName;
        var postgres = provider == StoreProviders.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var factory = new HubFactory(provider, dataDirectory, postgres, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), services);
        if (kestrel)
        {
            // Kestrel on a free loopback port instead of the in-memory TestServer: what the wire does (chunked
            // framing, request size limits, early answers) is then Kestrel's, as in production.
            factory.UseKestrel(0);
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // builds and starts the host: migrations and contract bootstrap run now
        }
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>A scope on the hub's services (DbContext, stores, jobs) for arranging and checking state.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<HubDbContext, Task<T>> action)
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<HubDbContext>());
    }

    /// <summary>Issues a token for a member of the contract and returns a client that sends it.</summary>
    public async Task<HttpClient> ClientForAsync(string memberId, DateTimeOffset? expiresAt = null)
    {
        var token = await CreateTokenAsync(memberId, expiresAt);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.PlainText);
        return client;
    }

    public async Task<IssuedToken> CreateTokenAsync(string memberId, DateTimeOffset? expiresAt = null)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(memberId, expiresAt, "test", CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (PostgresConnectionString is not null)
        {
            await TestPostgres.DropDatabaseAsync(PostgresConnectionString);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background thread; the temp folder is cleaned by the OS.
        }
    }
}
