namespace DataGouvTerr.Hub.Tests.Infrastructure;

/// <summary>Absolute paths into the repository (tests run from bin/, the hub from the repository root).</summary>
public static class RepoPaths
{
    public static readonly string Root = FindRoot();

    public static string Feeds(params string[] parts) => Path.Combine([Root, "feeds", .. parts]);

    public static string SampleContract => Feeds("contracts", "sample-contract.yaml");

    /// <summary>The read-only reference data beside the checkout (../shared/reference).</summary>
    public static string SharedReference(params string[] parts) => Path.Combine([Path.GetDirectoryName(Root)!, "shared", "reference", .. parts]);

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
