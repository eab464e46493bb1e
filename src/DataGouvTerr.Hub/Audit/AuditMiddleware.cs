using DataGouvTerr.Hub.Access;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Writes one audit line for every request that presented a token (accepted or not), after the response, with
/// the contract decision and the rows delivered. Health checks and the docs are not audited.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAuditTrail trail)
    {
        await next(context);
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
            $"{context.Request.Method} {context.Request.Path}",
            decision,
            audit.Product,
            context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
            audit.RowsReturned,
            audit.Decision?.Reason,
            context.Response.StatusCode,
            audit.SourceFeeds), CancellationToken.None);
    }
}
