using System.IO.Compression;
using System.Text;

namespace DataGouvTerr.GtfsKit.Tests;

/// <summary>Builds small GTFS feeds in code, as a folder or a zip in a temporary directory deleted on dispose.</summary>
internal sealed class FeedBuilder : IDisposable
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public FeedBuilder()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gtfskit-test-").FullName;
    }

    public string Directory { get; }

    /// <summary>A minimal valid feed: one agency, three stops, one route, one trip of three stops, a calendar.</summary>
    public static FeedBuilder Minimal() => new FeedBuilder()
        .With("agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Agency,https://a.example,Europe/Paris\n")
        .With("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS1,One,49.44,1.09\nS2,Two,49.45,1.10\nS3,Three,49.46,1.11\n")
        .With("routes.txt", "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,1,Line one,3\n")
        .With("trips.txt", "route_id,service_id,trip_id,direction_id\nR1,WK,T1,0\n")
        .With("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,S1,1\nT1,08:10:00,08:11:00,S2,2\nT1,08:20:00,08:20:00,S3,3\n")
        .With("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20260101,20261231\n");

    public FeedBuilder With(string name, string content) => With(name, Encoding.UTF8.GetBytes(content));

    public FeedBuilder With(string name, byte[] content)
    {
        _files[name] = content;
        return this;
    }

    public FeedBuilder Without(string name)
    {
        _files.Remove(name);
        return this;
    }

    public string WriteFolder()
    {
        var dir = Path.Combine(Directory, "feed");
        System.IO.Directory.CreateDirectory(dir);
        foreach (var (name, bytes) in _files)
        {
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
        }

        return dir;
    }

    public string WriteZip(string name = "feed.zip")
    {
        var path = Path.Combine(Directory, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, bytes) in _files)
        {
            using var s = zip.CreateEntry(entryName, CompressionLevel.Optimal).Open();
            s.Write(bytes);
        }

        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test must not hide that test's own failure.
        }
    }
}
