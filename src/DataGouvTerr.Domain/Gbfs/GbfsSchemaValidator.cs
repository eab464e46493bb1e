using System.Collections.Concurrent;
using DataGouvTerr.Domain.Notices;
using Json.Schema;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// Validates a GBFS file against the official JSON Schema of its version (2.3 or 3.0, embedded; see
/// Gbfs/Schemas/README.md). Files of other 2.x/3.x versions are checked against the nearest schema with warnings
/// instead of errors, since the schema is not theirs. Each violation is one notice; past
/// <see cref="MaxNoticesPerFile"/> the rest are summarised, so a 1,500-station feed cannot flood the report.
/// </summary>
public static class GbfsSchemaValidator
{
    public const int MaxNoticesPerFile = 50;

    private static readonly ConcurrentDictionary<string, JsonSchema?> Schemas = new();
    // A flag-only pass is much cheaper (no annotations collected); the detailed pass runs only for invalid files.
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    public static bool HasSchema(GbfsVersion version, string fileName) => Load(version.SchemaVersion, fileName) is not null;

    public static void Validate(GbfsEnvelope envelope, string fileName, GbfsNoticeCollector notices)
    {
        var schema = Load(envelope.Version.SchemaVersion, fileName);
        if (schema is null)
        {
            return;
        }

        if (schema.Evaluate(envelope.Root, Quick).IsValid)
        {
            return;
        }

        var results = schema.Evaluate(envelope.Root, Detailed);

        var severity = envelope.Version.IsSupportedExactly && envelope.VersionDeclared ? NoticeSeverity.Error : NoticeSeverity.Warning;
        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (Location: d.InstanceLocation.ToString(), Keyword: e.Key, Message: e.Value)))
            .ToList();
        foreach (var failure in failures.Take(MaxNoticesPerFile))
        {
            notices.Add(new Notice(GbfsNoticeCodes.SchemaViolation, severity,
                new NoticeLocation(envelope.Source, failure.Location, failure.Keyword),
                $"GBFS {envelope.Version.SchemaVersion} schema: {failure.Message}"));
        }

        if (failures.Count > MaxNoticesPerFile)
        {
            notices.Add(new Notice(GbfsNoticeCodes.SchemaViolationsTruncated, severity, new NoticeLocation(envelope.Source),
                $"{failures.Count - MaxNoticesPerFile} further schema violations not listed."));
        }
    }

    private static JsonSchema? Load(GbfsVersion schemaVersion, string fileName) =>
        Schemas.GetOrAdd($"v{schemaVersion}/{fileName}.json", static key =>
        {
            using var stream = typeof(GbfsSchemaValidator).Assembly.GetManifestResourceStream($"Gbfs.Schemas.{key}");
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            // Each schema gets its own registry: the official files share one base URI (gbfs.md#…), which a
            // shared registry would take as the same document.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 };
            return JsonSchema.FromText(reader.ReadToEnd(), options);
        });
}
