namespace DataGouvTerr.Hub.Publishing.StopMaps;

/// <summary>Stop-level maps for planners, read from the current GTFS versions (product <c>stop-maps</c>), their vector tiles and the feeds' validation reports.</summary>
public static class StopMapsFeature
{
    public static IEndpointRouteBuilder MapStopMaps(this IEndpointRouteBuilder app)
    {
        StopMapsEndpoints.Map(app);
        StopTileEndpoints.Map(app);
        GtfsFeedReportEndpoints.Map(app);
        return app;
    }
}
