using System.Globalization;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// A GBFS version as declared in a file's <c>version</c> field. The hub validates against 2.3 and 3.0; other 2.x
/// versions (2.0–2.2, and feeds with no version at all, like Vélib') are read with the 2.3 rules and a notice, and
/// 3.x with the 3.0 rules.
/// </summary>
public sealed record GbfsVersion(int Major, int Minor)
{
    public static readonly GbfsVersion V23 = new(2, 3);
    public static readonly GbfsVersion V30 = new(3, 0);

    public bool IsV3 => Major >= 3;

    /// <summary>The schema set used to validate files of this version: 2.3 for 1.x/2.x, 3.0 for 3.x.</summary>
    public GbfsVersion SchemaVersion => IsV3 ? V30 : V23;

    public bool IsSupportedExactly => this == V23 || this == V30;

    /// <summary>Reads "2.3", "3.0", "3.1-RC2"; null when the text is not a version.</summary>
    public static GbfsVersion? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var core = text.Split('-')[0].Trim();
        var parts = core.Split('.');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return null;
        }

        return new GbfsVersion(major, minor);
    }

    public override string ToString() => $"{Major}.{Minor}";
}
