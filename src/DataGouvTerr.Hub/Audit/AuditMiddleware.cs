using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Audit.Transparency;
using Microsoft.AspNetCore.WebUtilities;

namespace DataGouvTerr.Hub.Audit;

/// <summary>
/// Writes one audit entry for every request that presented a token (accepted or not), with the contract decision and
/// the rows delivered, and answers only once the entry is stored: the response is held (in memory, then a temp file
/// when large) until the append succeeds, so a request whose entry could not be written is answered 503 and its data
/// never leaves. The response then carries the entry (<c>X-Audit-Entry</c>) and the signed head of the tree that ends
/// with it (<c>X-Audit-Tree-Head</c>): the member's receipt. It sits before authentication and authorization so that
/// requests they refuse (401, 403) are recorded too. Requests without a token (health, docs, the landing page) pass
/// straight through.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, ILogger<AuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, IAuditTrail trail)
    {
        if (context.Request.Headers.Authorization.Count == 0)
        {
            await next(context);
            return;
        }
        var client = context.Response.Body;
        await using var held = new FileBufferingWriteStream();
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A crashing handler is still a request that was made: record it as the 500 it becomes, then rethrow so the
            // exception handler answers (nothing the handler wrote is sent). A malformed request (BadHttpRequestException)
            // is answered with its own 4xx by the exception handler.
            context.Response.Body = client;
            context.Response.StatusCode = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            await RecordAsync(context, trail);
            throw;
        }
        finally
        {
            context.Response.Body = client;
        }

        AuditReceipt receipt;
        try
        {
            receipt = await RecordAsync(context, trail);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "Audit entry for {Method} {Path} could not be written: the request is refused (503), nothing was sent.",
                context.Request.Method, AuditText.Escape(context.Request.Path.Value));
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Audit log unavailable",
                detail: "The hub answers no request it cannot record in its audit log, and this request's entry could not be written. Nothing was served; try again later.")
                .ExecuteAsync(context);
            return;
        }
        context.Response.Headers[AuditReceipt.EntryHeaderName] = receipt.EntryHeader;
        context.Response.Headers[SignedTreeHead.HeaderName] = receipt.Head.ToCompact();
        await held.DrainBufferAsync(client, context.RequestAborted);
    }

    private static Task<AuditReceipt> RecordAsync(HttpContext context, IAuditTrail trail)
    {
        var audit = AuditContext.Of(context);
        var decision = audit.Decision is { } d
            ? (d.Allowed ? "allowed" : "denied")
            : context.Response.StatusCode switch
            {
                401 => "unauthenticated",
                403 => "denied",
                _ => "allowed",
            };
        // The path is stored URI-encoded; the trail escapes every other field too (AuditText): a NUL byte or a lone
        // surrogate is stored as sent, never breaking the insert.
        return trail.RecordAsync(new AuditRecord(
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
