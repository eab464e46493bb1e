namespace DataGouvTerr.Tests.Shared;

/// <summary>
/// Where the tests find third-party data. Files whose licence allows it are copied in <c>tests/reference</c> (source,
/// commit and licence in its SOURCES.md) and always there. Test-only files that may not be copied (no licence, AGPL)
/// stay in <c>../shared/reference</c> beside the clone; the tests that read them are in the xunit category
/// <see cref="Category"/> and use <see cref="SharedReferenceFactAttribute"/> or <see cref="SharedReferenceTheoryAttribute"/>.
/// </summary>
/// <remarks>One source file linked into every test project, so the rule and its wording exist once.</remarks>
public static class TestReference
{
    /// <summary>The xunit trait value (<c>Category</c>) of the tests that need <c>../shared/reference</c>.</summary>
    public const string Category = "SharedReference";

    private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);

    /// <summary>A file or folder under <c>tests/reference</c> of this checkout.</summary>
    public static string Copied(params string[] parts) => Path.Combine([RepoRoot.Value, "tests", "reference", .. parts]);

    /// <summary>The folder of test-only reference files beside the checkout.</summary>
    public static string SharedFolder => Path.Combine(Path.GetDirectoryName(RepoRoot.Value)!, "shared", "reference");

    /// <summary>Whether <c>../shared/reference</c> is there.</summary>
    public static bool SharedAvailable => Directory.Exists(SharedFolder);

    /// <summary>CI (<c>CI=true</c>, set by .ci/run) runs every category: a missing folder there is a failure.</summary>
    public static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is missing and how to get it, for a skip reason or an exception.</summary>
    public static string MissingMessage =>
        $"needs the test-only reference files in {SharedFolder} (../shared/reference beside the clone; they may not be "
        + "copied into the repository, see tests/reference/SOURCES.md): not there, so the SharedReference tests are not run";

    /// <summary>A file or folder under <c>../shared/reference</c>; throws with <see cref="MissingMessage"/> when the folder is absent.</summary>
    public static string Shared(params string[] parts) =>
        SharedAvailable
            ? Path.Combine([SharedFolder, .. parts])
            : throw new DirectoryNotFoundException(MissingMessage);

    /// <summary>Null when the SharedReference tests must run (folder there, or CI); otherwise why they are skipped.</summary>
    public static string? SkipReason => SharedAvailable || RunningInCi ? null : MissingMessage;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataGouvTerr.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DataGouvTerr.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A fact that reads <c>../shared/reference</c>: skipped with <see cref="TestReference.MissingMessage"/> when the folder
/// is absent, run (and failing) under CI. Mark the test or its class <c>[Trait("Category", TestReference.Category)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedReferenceFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from the folder's presence, when the test is discovered.</summary>
    public SharedReferenceFactAttribute() => Skip = TestReference.SkipReason;
}

/// <summary>The theory counterpart of <see cref="SharedReferenceFactAttribute"/> (the skip is decided before any data is read).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SharedReferenceTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from the folder's presence, when the test is discovered.</summary>
    public SharedReferenceTheoryAttribute() => Skip = TestReference.SkipReason;
}
