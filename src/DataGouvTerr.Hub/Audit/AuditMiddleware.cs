using DataGouvTerr.Hub.Access;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Writes one audit line for every request that presented a token (accepted or not), after the response, with
/// the contract decision and the rows delivered. Health checks and the docs are not audited. It sits before
/// authentication and authorization so that requests they refuse (401, 403) are recorded too; the principal the
/// authentication middleware sets is still on the context when the response comes back here.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAuditTrail trail)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A crashing handler is still a request that was made: record it as the 500 it becomes, then rethrow.
            // A malformed request (BadHttpRequestException) is answered with its own 4xx by the exception handler.
            context.Response.StatusCode = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            await RecordAsync(context, trail);
            throw;
        }
        await RecordAsync(context, trail);
    }

    private static async Task RecordAsync(HttpContext context, IAuditTrail trail)
    {
        var presentedToken = context.Request.Headers.Authorization.Count > 0;
        if (!presentedToken && context.User.MemberId() is null)
        {
            return;
        }
        var audit = AuditContext.Of(context);
        var decision = audit.Decision is { } d
            ? (d.Allowed ? "allowed" : "denied")
            : context.Response.StatusCode switch
            {
                401 => "unauthenticated",
                403 => "denied",
                _ => "allowed",
            };
        await trail.RecordAsync(new AuditRecord(
            context.User.MemberId(),
            context.User.TokenId(),
            $"{context.Request.Method} {context.Request.Path.ToUriComponent()}",
            decision,
            audit.Product,
            context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
            audit.RowsReturned,
            audit.Decision?.Reason,
            context.Response.StatusCode,
            audit.SourceFeeds), CancellationToken.None);
    }
}
