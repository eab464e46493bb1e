namespace DataGouvTerr.Domain.Tests.Contracts;

/// <summary>Finds <c>feeds/contracts/sample-contract.yaml</c> from the test binaries, whatever the working directory.</summary>
internal static class SampleContract
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path => System.IO.Path.Combine(RepositoryRoot, "feeds", "contracts", "sample-contract.yaml");

    public static string Yaml => File.ReadAllText(Path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DataGouvTerr.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DataGouvTerr.sln not found above " + AppContext.BaseDirectory);
    }
}
