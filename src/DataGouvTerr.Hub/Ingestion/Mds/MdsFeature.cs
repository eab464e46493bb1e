using DataGouvTerr.Hub.Ingestion.Mds.Agency;
using DataGouvTerr.Hub.Ingestion.Mds.Agency.Reports;
using DataGouvTerr.Hub.Ingestion.Mds.Agency.Stops;

namespace DataGouvTerr.Hub.Ingestion.Mds;

/// <summary>MDS 2.0 Agency API (operators push vehicles, events, telemetry, trips) and the operator's ingestion view.</summary>
public static class MdsFeature
{
    /// <summary>Base of the Agency API; the paths below it are the OpenAPI's (<c>/vehicles</c>, <c>/events</c>…).</summary>
    public const string AgencyBase = "/mds/agency";

    public static IServiceCollection AddMds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MdsOptions>().Bind(configuration.GetSection(MdsOptions.Section));
        services.AddScoped<MdsPushAuthorizer>();
        services.AddScoped<MdsPushPipeline>();
        services.AddScoped<MdsVehiclesEndpoints>();
        services.AddScoped<MdsQuarantine>();
        services.AddScoped<MdsVehicleStatusEndpoints>();
        services.AddScoped<MdsStopsEndpoints>();
        services.AddScoped<MdsReportsEndpoint>();
        services.AddScoped<MdsIngestionView>();
        services.AddSingleton<MdsEventsPush>();
        services.AddSingleton<MdsTelemetryPush>();
        services.AddSingleton<MdsTripsPush>();
        return services;
    }

    public static IEndpointRouteBuilder MapMds(this IEndpointRouteBuilder app)
    {
        var agency = app.MapGroup(AgencyBase).WithTags("MDS Agency").RequireAuthorization();
        agency.MapPost("/vehicles", (HttpContext http, MdsVehiclesEndpoints e, CancellationToken ct) => e.RegisterAsync(http, ct))
            .WithSummary("Register vehicles (MDS 2.0 post-vehicles).");
        agency.MapPut("/vehicles", (HttpContext http, MdsVehiclesEndpoints e, CancellationToken ct) => e.UpdateAsync(http, ct))
            .WithSummary("Update registered vehicles (MDS 2.0 put-vehicles).");
        agency.MapGet("/vehicles", (HttpContext http, MdsVehiclesEndpoints e, int? limit, long? after, CancellationToken ct) => e.ListAsync(http, limit, after, ct))
            .WithSummary("The caller's registered fleet, paged (MDS 2.0 get-vehicles).");
        agency.MapGet("/vehicles/{device_id}", (HttpContext http, MdsVehiclesEndpoints e, string device_id, CancellationToken ct) => e.GetAsync(http, device_id, ct))
            .WithSummary("One registered vehicle (MDS 2.0 get-vehicles-device_id).");
        // "status" is a literal segment, so routing prefers it to /vehicles/{device_id}.
        agency.MapGet("/vehicles/status", (HttpContext http, MdsVehicleStatusEndpoints e, int? limit, long? after, CancellationToken ct) => e.ListAsync(http, limit, after, ct))
            .WithSummary("Last event and telemetry of each of the caller's vehicles, paged (MDS 2.0 get-vehicles-status).");
        agency.MapGet("/vehicles/status/{device_id}", (HttpContext http, MdsVehicleStatusEndpoints e, string device_id, CancellationToken ct) => e.GetAsync(http, device_id, ct))
            .WithSummary("Last event and telemetry of one vehicle (MDS 2.0 get-vehicles-status-device_id).");
        agency.MapPost("/stops", (HttpContext http, MdsStopsEndpoints e, CancellationToken ct) => e.RegisterAsync(http, ct))
            .WithSummary("Register the caller's self-managed stops (MDS 2.0 post-stops).");
        agency.MapPut("/stops", (HttpContext http, MdsStopsEndpoints e, CancellationToken ct) => e.UpdateAsync(http, ct))
            .WithSummary("Change the mutable fields of registered stops (MDS 2.0 put-stops).");
        agency.MapGet("/stops", (HttpContext http, MdsStopsEndpoints e, CancellationToken ct) => e.ListAsync(http, ct))
            .WithSummary("The caller's registered stops (MDS 2.0 get-stops).");
        agency.MapGet("/stops/{stop_id}", (HttpContext http, MdsStopsEndpoints e, string stop_id, CancellationToken ct) => e.GetAsync(http, stop_id, ct))
            .WithSummary("One registered stop (MDS 2.0 get-stops-stop_id).");
        agency.MapPost("/reports", (HttpContext http, MdsReportsEndpoint e, CancellationToken ct) => e.PostAsync(http, ct))
            .WithSummary("Aggregated report counts as CSV (MDS 2.0 post-reports).");
        agency.MapPost("/events", (HttpContext http, MdsPushPipeline p, MdsEventsPush kind, CancellationToken ct) => p.RunAsync(http, kind, ct))
            .WithSummary("Vehicle events (MDS 2.0 post-events).");
        agency.MapPost("/telemetry", (HttpContext http, MdsPushPipeline p, MdsTelemetryPush kind, CancellationToken ct) => p.RunAsync(http, kind, ct))
            .WithSummary("Vehicle telemetry (MDS 2.0 post-telemetry).");
        agency.MapPost("/trips", (HttpContext http, MdsPushPipeline p, MdsTripsPush kind, CancellationToken ct) => p.RunAsync(http, kind, ct))
            .WithSummary("Trips (MDS 2.0 post-trips).");

        app.MapGet("/mds/ingestion", (HttpContext http, MdsIngestionView view, int? hours, int? rejected, CancellationToken ct) => view.GetAsync(http, hours, rejected, ct))
            .RequireAuthorization().WithTags("MDS Agency")
            .WithSummary("The calling operator's own ingestion: items per hour, rejected items with reasons, lag.");
        return app;
    }
}
