using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Publishing.Flows;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Publishing.Releases;

/// <summary>Contract amendments and product reads shared by the release tests.</summary>
internal static class ReleaseKit
{
    /// <summary>
    /// Applies the sample contract as a new version with <paramref name="edit"/> applied to its text, the way an
    /// amendment lands (validated, stored), then moves the hub's clock past the contract cache's recheck.
    /// </summary>
    public static async Task AmendAsync(HubFactory hub, string version, Func<string, string> edit)
    {
        var yaml = await File.ReadAllTextAsync(RepoPaths.SampleContract);
        var amended = edit(yaml.Replace("version: \"2026.1\"", $"version: \"{version}\"", StringComparison.Ordinal));
        Assert.NotEqual(yaml, amended);
        await using var scope = hub.Scope();
        var applied = await scope.ServiceProvider.GetRequiredService<ContractStore>().ApplyAsync(amended, "test amendment", "tiers-de-confiance", CancellationToken.None);
        Assert.True(applied.Succeeded, string.Join("; ", applied.Errors));
        hub.Clock.Advance(TimeSpan.FromSeconds(6));
    }

    /// <summary>
    /// The sample contract shares out its whole cap (ε = 6.5 per day): a rebuild after an amendment needs the amendment
    /// to raise it, as a real one would.
    /// </summary>
    public static string WithCap(string yaml, string epsilon) =>
        ReplaceOnce(yaml, "cap_per_window: { epsilon: 6.5, delta: 1.0e-5 }", $"cap_per_window: {{ epsilon: {epsilon}, delta: 1.0e-5 }}");

    /// <summary>Replaces exactly one occurrence (the test would prove nothing if the edit missed).</summary>
    public static string ReplaceOnce(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in the contract");
        Assert.Equal(-1, text.IndexOf(old, at + old.Length, StringComparison.Ordinal));
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length));
    }

    public static async Task RunRefreshAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        await scope.ServiceProvider.GetRequiredService<FlowRefreshJob>().RunAsync(CancellationToken.None);
    }

    public static List<Dictionary<string, string>> CsvRows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
