namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>Absolute paths into the repository (tests run from bin/, the hub from the repository root).</summary>
public static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string Feeds(params string[] parts) => Path.Combine([Root, "feeds", .. parts]);

    public static string SampleContract => Feeds("contracts", "sample-contract.yaml");

    /// <summary>Third-party test data copied in the repository (tests/reference, licences in its SOURCES.md).</summary>
    public static string CopiedReference(params string[] parts) => Path.Combine([Root, "tests", "reference", .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataGouvTerr.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("DataGouvTerr.sln not found above " + AppContext.BaseDirectory);
    }
}
