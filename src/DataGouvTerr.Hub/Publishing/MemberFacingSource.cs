using System.Text.RegularExpressions;

namespace DataGouvTerr.Hub.Publishing;

/// <summary>
/// What members may see of where a feed comes from: a public http(s) address as it is, but never a path on the
/// server (a <c>file://</c> URL or an absolute file path of a feed read from disk): that is the kind of source only.
/// </summary>
public static partial class MemberFacingSource
{
    public const string LocalFile = "file";

    /// <summary>The URL when it is a public http(s) address; null otherwise.</summary>
    public static string? Url(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;

    /// <summary><c>url</c> for a public address, <c>file</c> for anything read from the server's disk, null when unknown.</summary>
    public static string? Kind(string? url) => url is null ? null : Url(url) is null ? LocalFile : "url";

    /// <summary>A message with every file URL and absolute path replaced by "[local file]".</summary>
    public static string? Text(string? text) => text is null ? null : ServerPath().Replace(text, "[local file]");

    // file:// URLs, and absolute Unix paths of at least two segments (a lone "/" or "/health" in prose stays).
    [GeneratedRegex(@"file://\S+|(?<![\w.:/])/(?:[\w.@-]+/)+[\w.@-]+", RegexOptions.CultureInvariant)]
    private static partial Regex ServerPath();
}
