using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Tests.Ingestion.Mds;

/// <summary>
/// The built hub run as a separate process (<c>dotnet DataGouvTerr.Hub.dll</c>) on a free 127.0.0.1 port with the
/// given store settings, so the client's and the server's costs are not mixed in one process.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri BaseAddress { get; }

    private HubProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataGouvTerr.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("DataGouvTerr.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The hub's own build output (same configuration as this program), which has its runtimeconfig.</summary>
    public static string HubDll()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoRoot(), "src", "DataGouvTerr.Hub", "bin", configuration, "net10.0", "DataGouvTerr.Hub.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the hub first: dotnet build -c " + configuration, dll);
    }

    public static string[] StoreArgs(string provider, string dataDirectoryOrConnectionString) => provider == "postgres"
        ? ["--Store:Provider=postgres", "--Store:ConnectionString=" + dataDirectoryOrConnectionString]
        : ["--Store:Provider=sqlite", "--Store:DataDirectory=" + dataDirectoryOrConnectionString];

    /// <summary>Starts the hub; <paramref name="extraArgs"/> come last, so they override the defaults (contract, role api).</summary>
    public static async Task<HubProcess> StartAsync(string[] storeArgs, IDictionary<string, string>? environment = null, string[]? extraArgs = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        // The tests' feed servers listen on plain http on the loopback interface (FeedSources:AllowedHttpHosts).
        var info = Info(["--urls", baseAddress.ToString(), .. storeArgs, .. ContractArgs(), "--Logging:LogLevel:Default=Warning",
            "--FeedSources:AllowedHttpHosts:0=127.0.0.1", "--RateLimits:PerToken:PermitLimit=1000000", "--RateLimits:PerAddress:PermitLimit=1000000",
            .. extraArgs ?? []]);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        var process = Process.Start(info)!;
        var hub = new HubProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => hub.Append(e.Data);
        process.ErrorDataReceived += (_, e) => hub.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await hub.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return hub;
    }

    /// <summary>Runs a CLI verb of the hub on the same store and returns its output.</summary>
    public static async Task<string> RunVerbAsync(string[] verbArgs, string[] storeArgs)
    {
        var info = Info([.. verbArgs, .. storeArgs, .. ContractArgs()]);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"hub {string.Join(' ', verbArgs)} failed ({process.ExitCode}): {output}");
    }

    /// <summary>
    /// Issues a member token straight into the store with the hub's own <see cref="TokenService"/> (the hub has no
    /// token verb yet), against the sample contract the hub process is started with.
    /// </summary>
    public static async Task<string> IssueTokenAsync(string memberId, string provider, string location)
    {
        await using var db = CreateContext(provider, location);
        var contract = ContractLoader.LoadFile(SampleContract).Contract
            ?? throw new InvalidOperationException("The sample contract does not load: " + SampleContract);
        var tokens = new TokenService(db, new FixedContract(contract), TimeProvider.System);
        return (await tokens.CreateAsync(memberId, null, "mds-load", CancellationToken.None)).PlainText;
    }

    /// <summary>A context on the same store as a hub process started with <see cref="StoreArgs"/>.</summary>
    public static HubDbContext CreateContext(string provider, string location)
    {
        if (provider == "postgres")
        {
            var builder = new DbContextOptionsBuilder<PostgresHubDbContext>();
            builder.UseNpgsql(location, o => o.UseNetTopologySuite());
            return new PostgresHubDbContext(builder.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteHubDbContext>();
        sqlite.UseSqlite($"Data Source={Path.Combine(location, "hub.db")};Pooling=False");
        return new SqliteHubDbContext(sqlite.Options);
    }

    private sealed class FixedContract(MobilityContract contract) : IContractProvider
    {
        public Task<MobilityContract> GetCurrentAsync(CancellationToken cancellationToken = default) => Task.FromResult(contract);
    }

    private static string SampleContract => Path.Combine(RepoRoot(), "feeds", "contracts", "sample-contract.yaml");

    private static string[] ContractArgs() => ["--Contract:Path=" + SampleContract, "--Hub:Role=api"];

    private static ProcessStartInfo Info(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot(),
        };
        info.ArgumentList.Add(HubDll());
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited with {_process.ExitCode}: {Output}");
            }
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The hub did not become healthy: " + Output);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush — what a crash or an OOM kill does.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
