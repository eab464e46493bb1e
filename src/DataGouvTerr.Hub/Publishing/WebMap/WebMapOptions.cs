namespace DataGouvTerr.Hub.Publishing.WebMap;

/// <summary>
/// Settings of the web map (<c>Map</c>). No base-map tiles by default: the hub runs on closed networks and a public
/// tile server would learn which area each member looks at. A deployment with its own tile server names it here.
/// </summary>
public sealed class WebMapOptions
{
    public const string Section = "Map";

    /// <summary>XYZ tile URL template, e.g. <c>https://tiles.example.org/{z}/{x}/{y}.png</c>; empty draws no base map.</summary>
    public string BasemapUrl { get; set; } = "";

    /// <summary>Attribution shown under the map when <see cref="BasemapUrl"/> is set (e.g. "© OpenStreetMap contributors").</summary>
    public string BasemapAttribution { get; set; } = "";

    /// <summary>The origin of <see cref="BasemapUrl"/> (scheme, host, port) for the page's img-src, or null when unset or not absolute.</summary>
    public string? BasemapOrigin()
    {
        // Placeholders are not valid URI characters; {s} (tile subdomains) becomes a wildcard host in the policy.
        var probe = BasemapUrl.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "0", StringComparison.Ordinal)
            .Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal);
        return Uri.TryCreate(probe, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? BasemapUrl.Contains("{s}", StringComparison.Ordinal)
                ? $"{uri.Scheme}://*.{uri.Host.Split('.', 2)[^1]}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}"
                : uri.GetLeftPart(UriPartial.Authority)
            : null;
    }
}
