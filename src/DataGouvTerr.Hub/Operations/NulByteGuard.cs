namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Refuses a request whose path or query values hold a NUL byte (<c>%00</c>), with 400 problem details naming the
/// parameter. No identifier, date or filter of the hub contains one, and PostgreSQL cannot store or compare text that
/// does: a NUL reaching a query (<c>?member=a%00b</c>) made the store throw, answered as a 500. It runs after the audit
/// middleware, so the refused request is still recorded (its path URI-encoded).
/// </summary>
internal sealed class NulByteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var field = context.Request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
            ? "path"
            : context.Request.Query.FirstOrDefault(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Key;
        if (field is null)
        {
            await next(context);
            return;
        }
        var shown = field.Replace("\0", "%00", StringComparison.Ordinal);
        var reason = $"'{shown}' holds a NUL byte (%00), which no value of the hub may contain.";
        await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "NUL byte in the request", detail: reason,
            type: "https://datagouvterr.fr/problems/nul-byte",
            extensions: new Dictionary<string, object?> { ["field"] = shown, ["reason"] = reason }).ExecuteAsync(context);
    }
}
