namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>
/// A temporary copy of the demo's feed folder layout (<c>contracts/</c>, <c>gtfs/</c>, <c>gbfs/</c>) for tests that
/// write their own contract: its <c>../gtfs/…</c> and <c>../gbfs/…</c> sources then lie under the folder above the
/// contract, the hub's default feed folder (FeedSources:LocalRoot), as in the demo.
/// </summary>
public sealed class TempFeedFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("dgt-feeds-").FullName;

    public TempFeedFolder()
    {
        Directory.CreateDirectory(Path.Combine(Root, "contracts"));
        Directory.CreateDirectory(Path.Combine(Root, "gtfs"));
        Directory.CreateDirectory(Path.Combine(Root, "gbfs"));
        File.Copy(RepoPaths.Feeds("gtfs", "reseau-exemple.zip"), Path.Combine(Root, "gtfs", "reseau-exemple.zip"));
        foreach (var file in Directory.GetFiles(RepoPaths.Feeds("gbfs")))
        {
            File.Copy(file, Path.Combine(Root, "gbfs", Path.GetFileName(file)));
        }
    }

    /// <summary>Writes a contract into <c>contracts/</c> and returns its path.</summary>
    public string WriteContract(string yaml)
    {
        var path = Path.Combine(Root, "contracts", "contract.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing hub; the temp folder is cleaned by the OS.
        }
    }
}
