using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataGouvTerr.Domain.Mds;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency.Reports;

/// <summary>
/// Agency <c>POST /reports</c>: a provider's aggregated report as CSV (models/report.yaml: the header
/// <c>provider_id,start_date,duration,special_group_type,geography_id,vehicle_type,trip_count,rider_count</c>, one row
/// per period, group, geography and vehicle type). Answered with the bulk response: 201 when every row is stored, 400
/// with a <c>bad_param</c> per refused row (the row, as sent, is the failure's <c>item</c>, report.yaml being a
/// string) while the good rows are kept. The request body is <c>text/csv</c>; the answer, like every Agency answer,
/// is the MDS media type (another MDS version in Accept is 406). Counts are integers ≥ 0, or -1 for a redacted count
/// as in the spec's example. Same provider check, quarantine and audit as the other push endpoints.
/// </summary>
public sealed partial class MdsReportsEndpoint(
    HubDbContext db,
    MdsPushAuthorizer authorizer,
    MdsQuarantine quarantine,
    IOptions<MdsOptions> options,
    TimeProvider clock)
{
    public const string Header = "provider_id,start_date,duration,special_group_type,geography_id,vehicle_type,trip_count,rider_count";

    private sealed record Row(int Index, string Line, string[] Fields);

    public async Task<IResult> PostAsync(HttpContext http, CancellationToken ct)
    {
        var problem = MdsMediaType.Check(http.Request, hasBody: false) ?? CheckCsv(http.Request);
        if (problem is not null)
        {
            return problem;
        }
        var auth = await authorizer.ResolveAsync(http, ct);
        if (auth.Pusher is null)
        {
            return auth.Problem!;
        }
        var (text, tooLarge) = await ReadAsync(http.Request, options.Value.MaxBodyBytes, ct);
        if (tooLarge)
        {
            return MdsProblems.Problem(413, "Body too large", "body", $"The report exceeds the limit of {options.Value.MaxBodyBytes} bytes; split it.");
        }
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        if (lines.Count == 0 || !lines[0].Trim().TrimStart('\uFEFF').Equals(Header, StringComparison.Ordinal))
        {
            return MdsProblems.Problem(400, "Bad report header", "body", $"The first line of a report must be exactly '{Header}'.");
        }
        var rows = lines.Skip(1).Select((line, i) => new Row(i, line, line.Split(',').Select(f => f.Trim().Trim('"')).ToArray())).ToList();
        if (rows.Count == 0)
        {
            return MdsProblems.Problem(400, "Empty report", "body", "The report has a header but no rows.");
        }
        if (rows.Count > options.Value.MaxItemsPerRequest)
        {
            return MdsProblems.Problem(413, "Too many rows", "body", $"{rows.Count} rows in one report; send at most {options.Value.MaxItemsPerRequest}.");
        }

        // A row naming another provider refuses the whole report, as for the JSON endpoints: a trust question.
        var providerIds = rows.Where(r => r.Fields.Length > 0 && MdsJsonItemReader.IsSpecUuid(r.Fields[0]))
            .Select(r => (r.Index, Guid.ParseExact(r.Fields[0], "D"))).ToList();
        var refused = MdsPushAuthorizer.CheckProviderIds(http, auth.Pusher, providerIds);
        if (refused is not null)
        {
            return refused;
        }

        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var failures = new List<MdsRefusal>();
        var valid = new List<MdsReportRecord>();
        foreach (var row in rows)
        {
            var reasons = Check(row.Fields, out var badParams);
            if (reasons.Count > 0)
            {
                var providerId = row.Fields.Length > 0 && MdsJsonItemReader.IsSpecUuid(row.Fields[0]) ? Guid.ParseExact(row.Fields[0], "D") : Guid.Empty;
                var feed = providerId != Guid.Empty ? auth.Pusher.FeedsByProviderId[providerId] : auth.Pusher.DefaultFeed;
                failures.Add(new MdsRefusal(row.Index, new MdsBulkFailure(JsonSerializer.SerializeToElement(row.Line), MdsErrorCodes.BadParam,
                    "A validation error occurred. " + string.Join("; ", reasons), badParams), providerId, feed));
                continue;
            }
            var f = row.Fields;
            var pid = Guid.ParseExact(f[0], "D");
            valid.Add(new MdsReportRecord
            {
                FeedId = auth.Pusher.FeedsByProviderId[pid].Id,
                ProviderId = pid,
                StartDate = f[1],
                Duration = f[2],
                SpecialGroupType = f[3],
                GeographyId = Guid.ParseExact(f[4], "D"),
                VehicleType = f[5],
                TripCount = int.Parse(f[6], CultureInfo.InvariantCulture),
                RiderCount = int.Parse(f[7], CultureInfo.InvariantCulture),
                ReceivedAtMs = nowMs,
            });
        }

        // The same key twice in one report: the later row wins, as a later report would.
        var distinct = valid.GroupBy(Key).Select(g => g.Last()).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var providers = distinct.Select(r => r.ProviderId).Distinct().ToList();
            var dates = distinct.Select(r => r.StartDate).Distinct().ToList();
            var existing = (await db.Set<MdsReportRecord>().Where(r => providers.Contains(r.ProviderId) && dates.Contains(r.StartDate)).ToListAsync(ct))
                .ToDictionary(Key);
            foreach (var record in distinct)
            {
                if (existing.TryGetValue(Key(record), out var stored))
                {
                    stored.TripCount = record.TripCount;
                    stored.RiderCount = record.RiderCount;
                    stored.ReceivedAtMs = nowMs;
                }
                else
                {
                    db.Add(record);
                }
            }
            var quarantined = quarantine.Add("reports", failures, nowMs);
            await db.SaveChangesAsync(ct);
            await quarantine.TrimAsync(quarantined, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        var ordered = failures.Select(f => f.Failure).ToList();
        return MdsJson.Result(new MdsBulkResponse(valid.Count, rows.Count, ordered, 0), ordered.Count > 0 ? 400 : 201);
    }

    private static (Guid, string, string, string, Guid, string) Key(MdsReportRecord r) =>
        (r.ProviderId, r.StartDate, r.Duration, r.SpecialGroupType, r.GeographyId, r.VehicleType);

    /// <summary>The reasons a row is refused (none when valid), and the columns at fault.</summary>
    private static List<string> Check(string[] f, out List<string> badParams)
    {
        var reasons = new List<string>();
        var bad = new List<string>();
        void Bad(string column, string reason)
        {
            bad.Add(column);
            reasons.Add($"{column}: {reason}");
        }
        if (f.Length != 8)
        {
            Bad("row", $"has {f.Length} columns, the header has 8");
            badParams = bad;
            return reasons;
        }
        if (!MdsJsonItemReader.IsSpecUuid(f[0]))
        {
            Bad("provider_id", $"'{f[0]}' is not a lowercase UUID");
        }
        if (!DateOnly.TryParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            Bad("start_date", $"'{f[1]}' is not an ISO date (YYYY-MM-DD)");
        }
        if (!IsoDuration().IsMatch(f[2]))
        {
            Bad("duration", $"'{f[2]}' is not an ISO 8601 duration such as P1M");
        }
        if (f[3].Length is 0 or > 255)
        {
            Bad("special_group_type", "must be a non-empty string of at most 255 characters");
        }
        if (!MdsJsonItemReader.IsSpecUuid(f[4]))
        {
            Bad("geography_id", $"'{f[4]}' is not a lowercase UUID");
        }
        if (!MdsVocabulary.VehicleTypes.Contains(f[5]))
        {
            Bad("vehicle_type", $"'{f[5]}' is not an MDS vehicle_type");
        }
        foreach (var (column, value) in new[] { ("trip_count", f[6]), ("rider_count", f[7]) })
        {
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < -1)
            {
                Bad(column, $"'{value}' is not a count (an integer ≥ 0, or -1 for a redacted count)");
            }
        }
        badParams = bad;
        return reasons;
    }

    private static IResult? CheckCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            ? null
            : MdsProblems.Problem(415, "Unsupported content type", "Content-Type", $"'{request.ContentType}' is not a report; send it as text/csv.");

    private static async Task<(string Text, bool TooLarge)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return ("", true);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return ("", true);
            }
        }
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), false);
    }

    [GeneratedRegex(@"^P(?=\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();
}
