using System.Text.Json;
using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// The common header of every GBFS file (<c>last_updated</c>, <c>ttl</c>, <c>version</c>) and its <c>data</c>.
/// <see cref="Document"/> owns the parsed JSON; dispose the envelope when done with <see cref="Data"/>.
/// </summary>
public sealed class GbfsEnvelope : IDisposable
{
    public required string Source { get; init; }
    public required JsonDocument Document { get; init; }
    public required GbfsVersion Version { get; init; }
    /// <summary>True when the file carried a version field the hub recognised.</summary>
    public required bool VersionDeclared { get; init; }
    public required DateTimeOffset? LastUpdated { get; init; }
    public required int TtlSeconds { get; init; }
    public required JsonElement Data { get; init; }

    public JsonElement Root => Document.RootElement;

    public void Dispose() => Document.Dispose();
}

/// <summary>Parses a file into a <see cref="GbfsEnvelope"/>, leniently: only unparseable JSON or a missing <c>data</c> object fail.</summary>
public static class GbfsEnvelopeReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    /// <summary>Reads one file; <paramref name="fallbackVersion"/> (the discovery file's) applies when the file declares none.</summary>
    public static GbfsEnvelope? Read(string source, ReadOnlyMemory<byte> json, GbfsVersion? fallbackVersion, GbfsNoticeCollector notices)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            notices.Add(GbfsNoticeCodes.InvalidJson, NoticeSeverity.Error,
                new NoticeLocation(source, ex.LineNumber is { } line ? $"line {line + 1}" : null), $"Not valid JSON: {ex.Message}");
            return null;
        }

        var root = document.RootElement;
        if (GbfsJson.Property(root, "data") is not { ValueKind: JsonValueKind.Object } data)
        {
            notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(source, "$", "data"),
                "The file has no data object; nothing can be read from it.");
            document.Dispose();
            return null;
        }

        var wrongType = (string field, string value) => notices.Add(GbfsNoticeCodes.WrongType, NoticeSeverity.Warning,
            new NoticeLocation(source, "$", field, value), $"Field {field} has the wrong JSON type.");

        var versionText = GbfsJson.String(root, "version", wrongType);
        var version = GbfsVersion.TryParse(versionText);
        if (version is null)
        {
            notices.Add(GbfsNoticeCodes.MissingVersion, NoticeSeverity.Warning, new NoticeLocation(source, "$", "version", versionText),
                $"No usable version; read as {(fallbackVersion ?? GbfsVersion.V23)}.");
        }
        else if (!version.IsSupportedExactly)
        {
            notices.Add(GbfsNoticeCodes.UnsupportedVersion, NoticeSeverity.Warning, new NoticeLocation(source, "$", "version", versionText),
                $"Version {version} is read leniently with the {version.SchemaVersion} rules.");
        }

        var effective = version ?? fallbackVersion ?? GbfsVersion.V23;
        var lastUpdated = ReadLastUpdated(root, source, effective, notices);

        var ttl = GbfsJson.Int(root, "ttl", wrongType);
        if (ttl is null or < 0)
        {
            notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(source, "$", "ttl"),
                "ttl is missing or negative; taken as 0 (poll every run).");
        }

        return new GbfsEnvelope
        {
            Source = source,
            Document = document,
            Version = effective,
            VersionDeclared = version is not null,
            LastUpdated = lastUpdated,
            TtlSeconds = Math.Max(ttl ?? 0, 0),
            Data = data,
        };
    }

    private static DateTimeOffset? ReadLastUpdated(JsonElement root, string source, GbfsVersion version, GbfsNoticeCollector notices)
    {
        if (GbfsJson.Property(root, "last_updated") is { } value)
        {
            return GbfsTimestamp.Read(value, version, new NoticeLocation(source, "$", "last_updated"), notices);
        }

        // Vélib' publishes lastUpdatedOther instead: read it, but say so.
        if (GbfsJson.Property(root, "lastUpdatedOther") is { } other)
        {
            notices.Add(GbfsNoticeCodes.NonStandardField, NoticeSeverity.Warning, new NoticeLocation(source, "$", "lastUpdatedOther"),
                "last_updated is missing; the non-standard lastUpdatedOther was read instead.");
            return GbfsTimestamp.Read(other, version, new NoticeLocation(source, "$", "lastUpdatedOther"), notices);
        }

        notices.Add(GbfsNoticeCodes.MissingField, NoticeSeverity.Error, new NoticeLocation(source, "$", "last_updated"),
            "last_updated is missing; the file's age cannot be judged.");
        return null;
    }
}
