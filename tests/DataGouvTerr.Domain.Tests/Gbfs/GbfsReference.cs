using System.Text;
using DataGouvTerr.Domain.Gbfs;
using DataGouvTerr.Tests.Shared;

namespace DataGouvTerr.Domain.Tests.Gbfs;

/// <summary>
/// Reads GBFS files by their path in the reference collection: MobilityData's fixtures (<c>gbfs-json-schema/…</c>,
/// Apache-2.0) from their copy in tests/reference; the real Vélib' and Lovélo snapshots (<c>real/…</c>, test-only) and
/// transport.data.gouv.fr's fixtures (AGPL) from ../shared/reference, so the tests reading those are SharedReference
/// tests. Small files are built in code.
/// </summary>
internal static class GbfsReference
{
    public static string PathOf(string relative) =>
        relative.StartsWith("gbfs-json-schema/", StringComparison.Ordinal)
            ? TestReference.Copied("gbfs", relative)
            : TestReference.Shared("gbfs", relative);

    public static ReadOnlyMemory<byte> Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static ReadOnlyMemory<byte> Json(string json) => Encoding.UTF8.GetBytes(json);

    public static GbfsEnvelope Envelope(string relative, GbfsNoticeCollector? notices = null) =>
        GbfsEnvelopeReader.Read(relative, Bytes(relative), null, notices ?? new GbfsNoticeCollector())
        ?? throw new InvalidOperationException($"{relative} did not parse");

    public static GbfsEnvelope EnvelopeOf(string json, GbfsNoticeCollector? notices = null) =>
        GbfsEnvelopeReader.Read("test.json", Json(json), null, notices ?? new GbfsNoticeCollector())
        ?? throw new InvalidOperationException("test json did not parse");
}
