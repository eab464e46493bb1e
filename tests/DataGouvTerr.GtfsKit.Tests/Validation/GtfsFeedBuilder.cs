using System.IO.Compression;
using System.Text;
using DataGouvTerr.GtfsKit.Validation;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

/// <summary>
/// Builds small GTFS feeds in code: starts from a valid feed around Rouen that raises no notice at all, and each
/// test changes one thing so that exactly the notice under test appears. Writes a temp folder or zip.
/// </summary>
public sealed class GtfsFeedBuilder : IDisposable
{
    /// <summary>The date expiry rules count from in tests: the feed runs until the end of 2027.</summary>
    public static readonly DateOnly Today = new(2026, 11, 30);

    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal)
    {
        ["agency.txt"] = """
            agency_id,agency_name,agency_url,agency_timezone,agency_lang
            A1,Réseau Exemple,https://example.org,Europe/Paris,fr
            """,
        ["stops.txt"] = """
            stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station
            S1,Gare,49.4490,1.0940,0,
            S2,Théâtre,49.4440,1.0990,0,
            S3,Hôtel de Ville,49.4390,1.1040,0,
            """,
        ["routes.txt"] = """
            route_id,agency_id,route_short_name,route_long_name,route_type,route_color,route_text_color
            R1,A1,1,Gare - Hôtel de Ville,3,0055A4,FFFFFF
            """,
        ["trips.txt"] = """
            route_id,service_id,trip_id,direction_id,shape_id,block_id
            R1,WK,T1,0,SH1,B1
            R1,WK,T2,1,SH1,B1
            """,
        ["stop_times.txt"] = """
            trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled,timepoint
            T1,08:00:00,08:00:00,S1,1,0,1
            T1,08:04:00,08:05:00,S2,2,670,1
            T1,08:10:00,08:10:00,S3,3,1340,1
            T2,08:20:00,08:20:00,S3,1,,
            T2,08:25:00,08:25:00,S2,2,,
            T2,08:30:00,08:30:00,S1,3,,
            """,
        ["calendar.txt"] = """
            service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
            WK,1,1,1,1,1,0,0,20260101,20271231
            """,
        ["calendar_dates.txt"] = """
            service_id,date,exception_type
            WK,20261225,2
            """,
        ["shapes.txt"] = """
            shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence,shape_dist_traveled
            SH1,49.4490,1.0940,1,0
            SH1,49.4440,1.0990,2,670
            SH1,49.4390,1.1040,3,1340
            """,
        ["feed_info.txt"] = """
            feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date,feed_version
            DataGouvTerr,https://example.org,fr,20260101,20271231,1
            """,
    };

    private readonly List<string> _written = [];

    /// <summary>Replaces a whole file.</summary>
    public GtfsFeedBuilder With(string file, string csv)
    {
        _files[file] = csv;
        return this;
    }

    public GtfsFeedBuilder Without(string file)
    {
        _files.Remove(file);
        return this;
    }

    /// <summary>Adds a record line at the end of a file.</summary>
    public GtfsFeedBuilder Append(string file, string line)
    {
        _files[file] = _files[file].TrimEnd('\n') + "\n" + line;
        return this;
    }

    /// <summary>Replaces text in a file; fails when the text is absent, so a test cannot silently change nothing.</summary>
    public GtfsFeedBuilder Replace(string file, string from, string to)
    {
        Assert.Contains(from, _files[file], StringComparison.Ordinal);
        _files[file] = _files[file].Replace(from, to, StringComparison.Ordinal);
        return this;
    }

    public string WriteFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gtfs-validation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _written.Add(folder);
        foreach (var (name, text) in _files)
        {
            File.WriteAllText(Path.Combine(folder, name), WithFinalNewLine(text), new UTF8Encoding(false));
        }
        return folder;
    }

    public string WriteZip(Action<ZipArchive>? extra = null)
    {
        var path = Path.Combine(Path.GetTempPath(), "gtfs-validation-" + Guid.NewGuid().ToString("N") + ".zip");
        _written.Add(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, text) in _files)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(WithFinalNewLine(text));
            }
            extra?.Invoke(zip);
        }
        return path;
    }

    /// <summary>Validates the feed as a folder with the test date.</summary>
    public ValidationReport Validate() => GtfsValidator.Validate(WriteFolder(), Options());

    public static GtfsValidationOptions Options() => new() { Today = Today };

    private static string WithFinalNewLine(string text) => text.EndsWith('\n') ? text : text + "\n";

    public void Dispose()
    {
        foreach (var path in _written)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
