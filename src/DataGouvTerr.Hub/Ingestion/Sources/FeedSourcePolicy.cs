using DataGouvTerr.Hub.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Ingestion.Sources;

/// <summary>Where the hub may fetch feeds from (section <c>FeedSources</c>).</summary>
public sealed class FeedSourceOptions
{
    public const string Section = "FeedSources";

    /// <summary>
    /// The only folder local <c>file</c> sources may be read from (and below). By default the folder above the
    /// contract file's own (the demo's <c>feeds/</c>, whose contracts name <c>../gtfs/…</c> and <c>../gbfs/…</c>).
    /// </summary>
    public string? LocalRoot { get; set; }

    /// <summary>Hosts that may be fetched over plain <c>http</c>; every other URL must be <c>https</c>.</summary>
    public List<string> AllowedHttpHosts { get; set; } = [];
}

/// <summary>
/// Decides at fetch time whether a feed source may be read: a local file only under
/// <see cref="FeedSourceOptions.LocalRoot"/> (after resolving <c>..</c>, so <c>file:///etc/passwd</c> or
/// <c>../../../etc/passwd</c> is refused), <c>https</c> anywhere, <c>http</c> only to an allowed host, nothing else.
/// The contract validator already refuses absolute and <c>file://</c> sources; this is the second lock, for every URL
/// actually fetched, including those a GBFS discovery file or an MDS <c>links.next</c> names.
/// </summary>
public sealed class FeedSourcePolicy(IOptions<FeedSourceOptions> options, IOptions<ContractOptions> contract)
{
    /// <summary>The folder local sources must lie in, as a full path ending with a separator.</summary>
    public string LocalRoot
    {
        get
        {
            var root = options.Value.LocalRoot is { Length: > 0 } configured
                ? Path.GetFullPath(configured)
                : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(contract.Value.Path))) ?? Directory.GetCurrentDirectory();
            return Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        }
    }

    /// <summary>Why <paramref name="source"/> may not be fetched, or null when it may.</summary>
    public string? RefusalFor(Uri source)
    {
        if (source.IsFile)
        {
            return RefusalForFile(source.LocalPath);
        }
        return source.Scheme switch
        {
            "https" => null,
            "http" when options.Value.AllowedHttpHosts.Contains(source.Host, StringComparer.OrdinalIgnoreCase) => null,
            "http" => $"http://{source.Host} is not an allowed plain-http host (FeedSources:AllowedHttpHosts); use https.",
            _ => $"the scheme '{source.Scheme}' is not a feed source: use https (or a file under the feed folder).",
        };
    }

    /// <summary>Why the local file at <paramref name="path"/> may not be read, or null when it lies under the feed folder.</summary>
    public string? RefusalForFile(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(LocalRoot, StringComparison.Ordinal)
            ? null
            : $"the file {full} is outside the feed folder {LocalRoot} (FeedSources:LocalRoot).";
    }
}

/// <summary>
/// Checks every request of a feed client against <see cref="FeedSourcePolicy"/> before it leaves the hub, and follows
/// redirects itself (the primary handler's automatic redirects are off, see <see cref="FeedSourceRegistration"/>) so
/// that each hop is checked too: a source cannot bounce the fetch to a host or scheme the policy refuses.
/// </summary>
public sealed class FeedSourceGuardHandler(FeedSourcePolicy policy) : DelegatingHandler
{
    private const int MaxRedirects = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            if (request.RequestUri is { } uri && policy.RefusalFor(uri) is { } refusal)
            {
                throw new HttpRequestException("Feed source refused: " + refusal);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || hop == MaxRedirects)
            {
                return response;
            }
            var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            response.Dispose();
            // Redirected GETs only (feeds are fetched with GET): same method and headers (validators, token) on the next hop.
            var redirected = new HttpRequestMessage(request.Method, next);
            foreach (var header in request.Headers)
            {
                redirected.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            request = redirected;
        }
    }
}

public static class FeedSourceRegistration
{
    /// <summary>Registers the policy once, whichever ingestion feature asks first.</summary>
    public static IServiceCollection AddFeedSourcePolicy(this IServiceCollection services)
    {
        services.AddOptions<FeedSourceOptions>().BindConfiguration(FeedSourceOptions.Section);
        services.TryAddSingleton<FeedSourcePolicy>();
        services.TryAddTransient<FeedSourceGuardHandler>();
        return services;
    }

    /// <summary>Puts a feed client behind <see cref="FeedSourceGuardHandler"/>, which follows redirects itself.</summary>
    public static IHttpClientBuilder AddFeedSourceGuard(this IHttpClientBuilder builder) => builder
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
        .AddHttpMessageHandler<FeedSourceGuardHandler>();
}
