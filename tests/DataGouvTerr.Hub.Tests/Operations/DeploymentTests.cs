using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DataGouvTerr.Hub.Operations;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace DataGouvTerr.Hub.Tests.Operations;

/// <summary>
/// The ways to deploy, checked without a Docker engine: the published application started as docker/Dockerfile
/// starts it (its ENV, WORKDIR, COPY of feeds/ and ENTRYPOINT, read from the file) answers /health on the address of
/// ASPNETCORE_URLS and passes the image's own HEALTHCHECK; docker/compose.yaml agrees with the Dockerfile and the
/// README; the systemd unit passes <c>systemd-analyze verify</c>.
/// </summary>
public sealed class DeploymentTests
{
    private static string Dockerfile => Path.Combine(RepoPaths.Root, "docker", "Dockerfile");

    [Fact]
    public void Appsettings_names_no_address_and_the_development_default_yields_to_any_given_one()
    {
        var appsettings = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "DataGouvTerr.Hub", "appsettings.json"));
        Assert.DoesNotContain("\"Urls\"", appsettings, StringComparison.OrdinalIgnoreCase);

        static IConfiguration Config(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

        Assert.Equal("http://localhost:5080", HubUrls.DefaultFor(Config()));
        Assert.Null(HubUrls.DefaultFor(Config(("urls", "http://+:8080"))));       // ASPNETCORE_URLS or --urls
        Assert.Null(HubUrls.DefaultFor(Config(("http_ports", "8080"))));          // ASPNETCORE_HTTP_PORTS of the .NET images
        Assert.Null(HubUrls.DefaultFor(Config(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:9000"))));
    }

    [Fact]
    public async Task The_published_hub_started_as_the_dockerfile_does_answers_health_where_aspnetcore_urls_says()
    {
        var image = RuntimeStage.Read(Dockerfile);
        var root = Directory.CreateTempSubdirectory("dgt-publish-test-").FullName;
        var app = Path.Combine(root, "app");
        var workdir = Path.Combine(root, "srv");
        Process? hub = null;
        try
        {
            // dotnet publish, as the build stage does (from the build this test runs on, so no second compilation).
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var publish = await RunAsync("dotnet", ["publish", Path.Combine(RepoPaths.Root, "src", "DataGouvTerr.Hub", "DataGouvTerr.Hub.csproj"),
                "--no-build", "-c", configuration, "-o", app], RepoPaths.Root, TimeSpan.FromMinutes(5));
            Assert.True(publish.ExitCode == 0, publish.Output);

            // The runtime stage: WORKDIR, COPY feeds/ feeds/, RUN mkdir -p data, ENV, ENTRYPOINT.
            Directory.CreateDirectory(workdir);
            CopyDirectory(Path.Combine(RepoPaths.Root, "feeds"), Path.Combine(workdir, "feeds"));
            Directory.CreateDirectory(Path.Combine(workdir, "data"));
            var port = FreePort();
            var info = new ProcessStartInfo(image.Entrypoint[0])
            {
                WorkingDirectory = workdir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in image.Entrypoint.Skip(1))
            {
                info.ArgumentList.Add(argument.Replace(image.AppDirectory, app + "/", StringComparison.Ordinal));
            }
            foreach (var (name, value) in image.Environment)
            {
                info.Environment[name] = value.Replace(image.WorkDir, workdir, StringComparison.Ordinal)
                    .Replace(":" + image.ExposedPort, ":" + port, StringComparison.Ordinal);
            }
            Assert.Equal($"http://+:{port}", info.Environment["ASPNETCORE_URLS"]);
            hub = Process.Start(info)!;
            var output = new System.Text.StringBuilder();
            hub.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            hub.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            hub.BeginOutputReadLine();
            hub.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var health = await WaitForHealthAsync(http, hub, TimeSpan.FromMinutes(3));
            string Log() { lock (output) { return output.ToString(); } }
            Assert.True(health == HttpStatusCode.OK, $"/health answered {health}; hub output:\n{Log()}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

            // The image's own HEALTHCHECK command, pointed at this port, passes.
            var check = image.HealthCheck.Select(a => a.Replace("/" + image.ExposedPort, "/" + port, StringComparison.Ordinal)).ToList();
            var probe = await RunAsync(check[0], check.Skip(1).ToList(), workdir, TimeSpan.FromSeconds(30));
            Assert.True(probe.ExitCode == 0, $"HEALTHCHECK {string.Join(' ', check)} exited {probe.ExitCode}: {probe.Output}");
        }
        finally
        {
            if (hub is { HasExited: false })
            {
                hub.Kill(entireProcessTree: true);
                await hub.WaitForExitAsync();
            }
            hub?.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_compose_file_agrees_with_the_dockerfile_and_the_readme()
    {
        var image = RuntimeStage.Read(Dockerfile);
        var compose = ReadYaml(Path.Combine(RepoPaths.Root, "docker", "compose.yaml"));
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var services = Map(compose["services"]);

        Assert.Equal(new[] { "hub-api", "hub-worker", "postgis" }, services.Keys.Order().ToArray());
        var hubs = new[] { "hub-api", "hub-worker" }.ToDictionary(n => n, n => Map(services[n]));
        foreach (var (name, hub) in hubs)
        {
            var build = Map(hub["build"]);
            Assert.Equal("docker/Dockerfile", (string)build["dockerfile"]);
            Assert.Equal("..", (string)build["context"]);
            var environment = Map(hub["environment"]).ToDictionary(kv => kv.Key, kv => (string)kv.Value);
            Assert.Equal($"http://+:{image.ExposedPort}", environment["ASPNETCORE_URLS"]);
            Assert.Equal(image.Environment["ASPNETCORE_URLS"], environment["ASPNETCORE_URLS"]);
            Assert.Equal("postgres", environment["Store__Provider"]);
            Assert.Contains("Host=postgis;", environment["Store__ConnectionString"], StringComparison.Ordinal);
            // Every replica writes its outbox to one shared volume, mounted where the image keeps its data.
            var volumes = List(hub["volumes"]).Cast<string>().ToList();
            Assert.Contains($"hub-data:{image.Volume}", volumes);
            Assert.Equal(image.Volume, image.Environment["Store__DataDirectory"]);
            var health = List(Map(hub["healthcheck"])["test"]).Cast<string>().ToList();
            Assert.Equal(image.HealthCheck, health.Skip(1).ToList());
            Assert.Equal(name == "hub-api" ? "api" : "worker", environment["Hub__Role"]);
        }
        var ports = List(hubs["hub-api"]["ports"]).Cast<string>().ToList();
        Assert.Equal($"{image.ExposedPort}:{image.ExposedPort}", Assert.Single(ports));
        Assert.False(hubs["hub-worker"].ContainsKey("ports"), "a worker serves /health only: it publishes no port");
        var declared = Map(compose["volumes"]).Keys.ToList();
        Assert.Contains("hub-data", declared);
        Assert.Contains("pgdata", declared);

        Assert.Contains("docker compose -f docker/compose.yaml up", readme, StringComparison.Ordinal);
        Assert.Contains($"http://localhost:{image.ExposedPort}/", readme, StringComparison.Ordinal);
        Assert.Contains("hub-data", readme, StringComparison.Ordinal);
    }

    [SystemdAnalyzeFact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify()
    {
        var unit = Path.Combine(RepoPaths.Root, "deploy", "systemd", "datagouvterr.service");
        var text = await File.ReadAllTextAsync(unit);
        var result = await RunAsync(SystemdAnalyzeFactAttribute.Binary, ["verify", unit], RepoPaths.Root, TimeSpan.FromMinutes(1));

        // verify exits 0 on a directive it ignores, but says so: any output is a finding.
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0, $"systemd-analyze verify: exit {result.ExitCode}\n{result.Output}");
        foreach (var required in new[] { "User=datagouvterr", "StateDirectory=datagouvterr", "StandardOutput=journal", "NoNewPrivileges=true", "ProtectSystem=strict" })
        {
            Assert.Contains(required, text, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpStatusCode?> WaitForHealthAsync(HttpClient http, Process hub, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline && !hub.HasExited)
        {
            try
            {
                last = (await http.GetAsync("/health")).StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }
            await Task.Delay(500);
        }
        return last;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, string directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static Dictionary<string, object> ReadYaml(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        // The compose file shares settings through anchors and merge keys (<<: *hub): resolve them as Docker does.
        var parser = new MergingParser(new Parser(reader));
        return Map(new DeserializerBuilder().Build().Deserialize<object>(parser)!);
    }

    private static Dictionary<string, object> Map(object node) =>
        ((IDictionary<object, object>)node).ToDictionary(kv => (string)kv.Key, kv => kv.Value);

    private static List<object> List(object node) => ((IEnumerable<object>)node).ToList();

    /// <summary>The runtime stage of the Dockerfile, as the test needs it.</summary>
    private sealed record RuntimeStage(string WorkDir, string AppDirectory, string Volume, string ExposedPort,
        Dictionary<string, string> Environment, List<string> Entrypoint, List<string> HealthCheck)
    {
        public static RuntimeStage Read(string dockerfile)
        {
            // Join continuation lines, then read the instructions after the last FROM.
            var text = File.ReadAllText(dockerfile).Replace("\\\n", " ", StringComparison.Ordinal);
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var stage = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal)) + 1).ToList();
            string Arg(string instruction) => stage.Single(l => l.StartsWith(instruction + " ", StringComparison.Ordinal))[(instruction.Length + 1)..].Trim();

            var environment = new Dictionary<string, string>();
            foreach (var pair in Arg("ENV").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                environment[pair[..eq]] = pair[(eq + 1)..];
            }
            var entrypoint = JsonSerializer.Deserialize<List<string>>(Arg("ENTRYPOINT"))!;
            var healthcheck = Arg("HEALTHCHECK");
            var cmd = JsonSerializer.Deserialize<List<string>>(healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!;
            var copyFromBuild = stage.Single(l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal)).Split(' ');
            var volume = JsonSerializer.Deserialize<List<string>>(Arg("VOLUME"))!;
            return new RuntimeStage(Arg("WORKDIR"), copyFromBuild[^1].TrimEnd('/') + "/", Assert.Single(volume), Arg("EXPOSE"), environment, entrypoint, cmd);
        }
    }
}

/// <summary>
/// A fact that needs <c>systemd-analyze</c> (Debian package <c>systemd</c>; ./test.sh installs it as root): skipped
/// with that line when it is missing, except under CI where it must run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/systemd-analyze";

    public SystemdAnalyzeFactAttribute()
    {
        if (!File.Exists(Binary) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"needs {Binary} to verify deploy/systemd/datagouvterr.service: apt-get install -y systemd (./test.sh does as root)";
        }
    }
}
