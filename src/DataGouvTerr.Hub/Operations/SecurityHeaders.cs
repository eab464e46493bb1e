namespace DataGouvTerr.Hub.Operations;

/// <summary>Response headers the hub sets on everything it serves (section <c>SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "SecurityHeaders";

    /// <summary>
    /// Send <c>Strict-Transport-Security</c> on HTTPS responses. Set it when the hub is served over HTTPS (directly or
    /// behind a proxy that forwards the scheme); never on plain HTTP, where a browser ignores it anyway.
    /// </summary>
    public bool Hsts { get; set; }

    /// <summary>HSTS max-age; one year by default.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>
/// Sets, on every response (errors and refusals included, since it runs first): <c>X-Content-Type-Options: nosniff</c>,
/// so a CSV or JSON body is never run as a script; <c>Cache-Control: no-store</c> on anything answered to a request
/// that carries a token (member data must not stay in a shared or browser cache); a Content-Security-Policy on HTML
/// pages; and HSTS when configured and the request came over HTTPS. The hub's own pages (landing page, web map,
/// validation reports) load scripts only from the hub itself; the job dashboard and the API reference, third-party
/// pages with inline scripts, get a policy that still forbids framing, plugins and foreign scripts' origins other
/// than the hub. Kestrel's <c>Server</c> header is turned off in <see cref="OperationsFeature"/>.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions> options)
{
    public const string HubPagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ThirdPartyPagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.Remove("Server");
            if (context.Request.Headers.Authorization.Count > 0 || context.User.Identity?.IsAuthenticated == true
                || context.Request.Path.StartsWithSegments(OperationsFeature.DashboardPath))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            // A page that states its own policy (the web map names its tile server) keeps it.
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true && !headers.ContainsKey("Content-Security-Policy"))
            {
                var thirdParty = context.Request.Path.StartsWithSegments(OperationsFeature.DashboardPath) || context.Request.Path.StartsWithSegments("/docs");
                headers.ContentSecurityPolicy = thirdParty ? ThirdPartyPagePolicy : HubPagePolicy;
            }
            if (options.Value.Hsts && context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = $"max-age={(long)options.Value.HstsMaxAge.TotalSeconds}; includeSubDomains";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
