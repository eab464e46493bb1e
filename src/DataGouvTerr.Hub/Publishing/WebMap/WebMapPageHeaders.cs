namespace DataGouvTerr.Hub.Publishing.WebMap;

/// <summary>
/// Security headers of the web map's files. The page only runs its own scripts (no inline script, no eval), talks
/// to the hub only, and draws images from the hub or the deployment's own tile server; a member's token lives in
/// that page, so nothing else may run there, frame it or receive a referrer.
/// </summary>
public sealed class WebMapPageHeaders(string contentSecurityPolicy)
{
    public string ContentSecurityPolicy { get; } = contentSecurityPolicy;

    public static WebMapPageHeaders For(WebMapOptions options)
    {
        var images = options.BasemapOrigin() is { } origin ? $"'self' data: {origin}" : "'self' data:";
        return new WebMapPageHeaders(string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src {images}",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'"));
    }

    public void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=()";
    }
}
