using System.Diagnostics;

namespace DataGouvTerr.Hub.Tests.Publishing.Downloads;

/// <summary>
/// GDAL's <c>ogrinfo</c> (Debian package gdal-bin), the reference reader of GeoPackage behind QGIS. Optional: it is
/// not in test.sh, so tests that need it are skipped with a message saying how to get it.
/// </summary>
internal static class OgrInfo
{
    public static readonly string? Path = Environment.GetEnvironmentVariable("PATH")?.Split(':')
        .Select(d => System.IO.Path.Combine(d, "ogrinfo")).FirstOrDefault(File.Exists);

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        return (process.ExitCode, output.Result + error.Result);
    }
}

/// <summary>A theory run only where <c>ogrinfo</c> is installed; elsewhere skipped with the reason.</summary>
public sealed class RequiresOgrInfoTheoryAttribute : TheoryAttribute
{
    public RequiresOgrInfoTheoryAttribute()
    {
        if (OgrInfo.Path is null)
        {
            Skip = "ogrinfo not found: install Debian's gdal-bin (apt-get install gdal-bin) to validate GeoPackages with GDAL.";
        }
    }
}
