namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// In the <c>worker</c> role the process runs jobs only: it answers /health (for the orchestrator) and nothing
/// else, whatever endpoints the features map, so no data ever leaves through a worker.
/// </summary>
internal sealed class WorkerRoleGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(OperationsFeature.HealthPath))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await Results.Problem(statusCode: 404, title: "Not served by a worker",
            detail: "This process runs the 'worker' role: it serves /health only. Send API requests to a process with role 'api' or 'all'.")
            .ExecuteAsync(context);
    }
}
