using System.Globalization;
using System.Text;
using System.Text.Json;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Delivers a built product outside HTTP: files in the member's outbox (CSV, GeoJSON for OD flows, and a manifest
/// stating k, resolution, scope and delay), then an optional signed webhook announcing them. Each delivery is
/// written to the audit trail. Files are written to a temporary name and moved, so a reader never sees half a file.
/// </summary>
public sealed class FlowDelivery(IOptions<FlowsOptions> options, IOptions<StoreOptions> store, FlowWebhookClient webhook, IAuditTrail audit)
{
    public async Task DeliverAsync(FlowProductMetadata metadata, DateTimeOffset windowStart, IReadOnlyList<FlowProductRow> rows,
        ZoningEntry? zoning, CancellationToken cancellationToken)
    {
        // Windows are days of the territory's legal time: the file is named after the local date.
        var period = TimeZoneInfo.ConvertTime(windowStart, Domain.Aggregation.TerritoryTime.Paris).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var files = new List<string>();
        if (options.Value.OutboxEnabled)
        {
            var folder = Path.GetFullPath(Path.Combine(store.Value.DataDirectory, "outbox", metadata.MemberId, metadata.Product));
            Directory.CreateDirectory(folder);
            files.Add(await WriteAsync(folder, $"{period}.csv", Encoding.UTF8.GetBytes(FlowProductFormats.Csv(metadata.Product, rows)), cancellationToken));
            if (metadata.Product == Products.OdFlows && zoning is not null)
            {
                files.Add(await WriteAsync(folder, $"{period}.geojson", FlowProductFormats.OdLinesBytes(metadata, rows, zoning), cancellationToken));
                files.Add(await WriteAsync(folder, $"{period}.zones.geojson", FlowProductFormats.ZonesBytes(metadata, rows, zoning), cancellationToken));
            }
            if (metadata.Product == Products.Availability && zoning is not null)
            {
                files.Add(await WriteAsync(folder, $"{period}.geojson", FlowProductFormats.AvailabilityBytes(metadata, rows, zoning), cancellationToken));
            }
            files.Add(await WriteAsync(folder, $"{period}.manifest.json", JsonSerializer.SerializeToUtf8Bytes(Manifest(metadata, period, rows.Count, files)), cancellationToken));
            foreach (var file in files)
            {
                await audit.RecordAsync(new AuditRecord(metadata.MemberId, null, $"outbox {file}", "allowed", metadata.Product,
                    $"period={period}", rows.Count, Describe(metadata), null, "mds"), cancellationToken);
            }
        }
        if (options.Value.Webhooks.TryGetValue(metadata.MemberId, out var target) && !string.IsNullOrWhiteSpace(target.Url))
        {
            var body = JsonSerializer.Serialize(new
            {
                @event = "product.published",
                product = metadata.Product,
                member = metadata.MemberId,
                period,
                rows = rows.Count,
                files = files.Select(Path.GetFileName).ToList(),
                manifest = Manifest(metadata, period, rows.Count, files),
            });
            await webhook.PostAsync(target, body, cancellationToken);
            await audit.RecordAsync(new AuditRecord(metadata.MemberId, null, $"webhook {target.Url}", "allowed", metadata.Product,
                $"period={period}", rows.Count, Describe(metadata), null, "mds"), cancellationToken);
        }
    }

    private static Dictionary<string, object?> Manifest(FlowProductMetadata m, string period, int rows, List<string> files) => new()
    {
        ["product"] = m.Product,
        ["member"] = m.MemberId,
        ["period"] = period,
        ["contract_version"] = m.ContractVersion,
        ["min_count"] = m.MinCount,
        ["resolution"] = m.Resolution,
        ["time_bin"] = m.TimeBinText,
        ["scope"] = m.Scope,
        ["delay"] = m.DelayText,
        ["epsilon"] = m.Privacy?.Epsilon,
        ["delta"] = m.Privacy?.Delta,
        ["threshold"] = m.Privacy?.Threshold,
        ["release_id"] = m.ReleaseId,
        ["rows"] = rows,
        ["files"] = files.Select(Path.GetFileName).ToList(),
    };

    private static string Describe(FlowProductMetadata m) =>
        $"{m.Product} for {m.MemberId}: k={m.MinCount}, {m.Resolution}, bins {m.TimeBinText}, scope {m.Scope}, delay {m.DelayText}";

    private static async Task<string> WriteAsync(string folder, string name, byte[] content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, content, cancellationToken);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
