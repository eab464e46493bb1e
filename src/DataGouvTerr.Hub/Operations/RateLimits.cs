using System.Globalization;
using System.Threading.RateLimiting;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Audit;

namespace DataGouvTerr.Hub.Operations;

/// <summary>One fixed-window limit: so many requests per window.</summary>
public sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Request rate limits (section <c>RateLimits</c>): per member token and per client address, each a fixed window. The
/// defaults (600 a minute per token, 1,200 a minute per address) leave a member's scripts and the web map room while a
/// flood from one token or one host is cut off; set <c>PermitLimit</c> to 0 to lift a limit.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimit PerToken { get; set; } = new() { PermitLimit = 600 };
    public RateLimit PerAddress { get; set; } = new() { PermitLimit = 1200 };
}

/// <summary>
/// ASP.NET's rate limiter, chained per token then per address. It runs after authentication, so a token is counted
/// only once it is a valid one (a made-up token is refused 401 and counted on its address) and the audit line of a
/// 429 names the member. A refusal is 429 problem details with <c>Retry-After</c>, recorded in the audit log as
/// denied with the reason. <c>/health</c> is not limited (orchestrators probe it).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddHubRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.User.TokenId() is { } token && limits.PerToken.PermitLimit > 0 && !IsHealth(http)
                        ? RateLimitPartition.GetFixedWindowLimiter("token:" + token, _ => Window(limits.PerToken))
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    limits.PerAddress.PermitLimit > 0 && !IsHealth(http)
                        ? RateLimitPartition.GetFixedWindowLimiter("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(limits.PerAddress))
                        : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (rejected, ct) =>
            {
                var http = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : (int)Math.Ceiling(limits.PerAddress.Window.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var (field, reason) = http.User.TokenId() is not null
                    ? ("Authorization", $"This token made more than its limit of requests; try again in {seconds} s.")
                    : ("client address", $"This address made more than its limit of requests; try again in {seconds} s.");
                AuditContext.Of(http).Decision = AccessDecision.Deny("rate-limited", reason);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: reason,
                    type: "https://datagouvterr.fr/problems/rate-limited",
                    extensions: new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason, ["retry_after_seconds"] = seconds })
                    .ExecuteAsync(http);
            };
        });
        return services;
    }

    private static bool IsHealth(HttpContext http) => http.Request.Path.StartsWithSegments(OperationsFeature.HealthPath);

    private static FixedWindowRateLimiterOptions Window(RateLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
