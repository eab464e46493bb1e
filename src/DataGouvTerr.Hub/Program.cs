using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Demo;
using DataGouvTerr.Hub.Governance;
using DataGouvTerr.Hub.Infrastructure.Cli;
using DataGouvTerr.Hub.Infrastructure.Jobs;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Ingestion.Gbfs;
using DataGouvTerr.Hub.Ingestion.Gtfs;
using DataGouvTerr.Hub.Ingestion.Mds.Freshness;
using DataGouvTerr.Hub.Ingestion.Mds.Pull;
using DataGouvTerr.Hub.Ingestion.Mds.Retention;
using DataGouvTerr.Hub.Ingestion.Mds;
using DataGouvTerr.Hub.Obligations;
using DataGouvTerr.Hub.Operations;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Publishing.StopMaps;
using DataGouvTerr.Hub.Publishing.WebMap;

// One program, two faces: with a verb (migrate, contract, token, gtfs, …) it runs that verb against the configured
// store; without, it runs the hub (API and/or job server, per Hub:Role). Program.cs only composes features.
var isCli = CliRoot.IsVerb(args);
var (verbArgs, configArgs) = isCli ? CliRoot.Split(args) : (args, args);
// Settings ship beside the binary; relative paths in them (data/, feeds/) are taken from the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configArgs, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddHubConsole(builder.Configuration);
HubUrls.UseDefaultWhenUnset(builder);
if (isCli)
{
    // A verb's own output is the point; framework chatter goes to warnings only.
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
}

var services = builder.Services;
var configuration = builder.Configuration;
services.AddSingleton(TimeProvider.System);

// Foundation: store, jobs, contract, members' access, audit, obligations, operations.
services.AddPersistence(configuration);
services.AddJobs(configuration, isCli);
services.AddContracts(configuration);
services.AddAccess();
services.AddAudit(configuration);
services.AddObligations();
services.AddGovernance();
services.AddOperations();
services.AddHubRateLimits(configuration);
services.AddCliCommand<MigrateCommand>();

// Ingestion: GTFS, MDS (push, pull, freshness, retention), GBFS.
services.AddCliCommand<GtfsValidateCommand>();
services.AddCliCommand<GtfsStatsCommand>();
services.AddMds(configuration);
services.AddMdsPull(configuration);
services.AddMdsFreshness(configuration);
services.AddMdsRetention(configuration);
services.AddGbfs(configuration);
services.AddGtfsIngestion(configuration);

// Publication to members.
services.AddFlows(configuration);
services.AddWebMap(configuration);

// The demo's synthetic data (loaded into an empty embedded store at start-up, or by `demo load`).
services.AddDemo(configuration);

var app = builder.Build();
if (isCli)
{
    return await CliRoot.RunAsync(app.Services, verbArgs);
}

// A worker answers /health and nothing else, before audit or authentication see the request (token or not).
app.UseSecurityHeaders();
app.UseWorkerRoleGate();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAudit();
app.UseNulByteGuard();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapOperations();
app.MapContracts();
app.MapAccess();
app.MapAudit();
app.MapObligations();
app.MapGovernance();
app.MapMds();
app.MapMdsFreshness();
app.MapGbfs();
app.MapStopMaps();
app.MapFlows();
app.MapWebMap();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Entry point, public so the tests' WebApplicationFactory can host it.</summary>
public partial class Program;
