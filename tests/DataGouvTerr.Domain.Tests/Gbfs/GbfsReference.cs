using System.Text;
using DataGouvTerr.Domain.Gbfs;

namespace DataGouvTerr.Domain.Tests.Gbfs;

/// <summary>
/// Reads GBFS files from ../shared/reference/gbfs (official MobilityData fixtures, Apache-2.0; real Vélib' and
/// Lovélo snapshots, test-only so never copied into the repository) and builds small files in code.
/// </summary>
internal static class GbfsReference
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static ReadOnlyMemory<byte> Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    public static GbfsEnvelope Envelope(string relative, GbfsNoticeCollector? notices = null) =>
        GbfsEnvelopeReader.Read(relative, Bytes(relative), null, notices ?? new GbfsNoticeCollector())
        ?? throw new InvalidOperationException($"{relative} did not parse");

    public static GbfsEnvelope EnvelopeOf(string json, GbfsNoticeCollector? notices = null) =>
        GbfsEnvelopeReader.Read("test.json", Json(json), null, notices ?? new GbfsNoticeCollector())
        ?? throw new InvalidOperationException("test json did not parse");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "gbfs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/reference/gbfs not found above the test directory");
    }
}
