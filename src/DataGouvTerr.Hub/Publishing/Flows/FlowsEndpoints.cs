using System.Globalization;
using System.Text.Json;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;
using DataGouvTerr.Hub.Access;
using DataGouvTerr.Hub.Contracts;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Publishing.Downloads;
using DataGouvTerr.Hub.Publishing.Releases;
using Microsoft.EntityFrameworkCore;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Serves the materialised products. Every data endpoint sits behind <c>RequireProductAccess</c>, and only ever
/// reads rows already suppressed for the caller: the access decision picks the member's rows, drops bins under
/// embargo, and narrows to whole published units when a bbox is given. Nothing is computed on the fly: OD flows,
/// first/last mile and indicators are served at the right's own resolution and bin only (a coarse cell next to its
/// fine cells could reveal a suppressed one); availability also at its fixed roll-up levels, materialised by the
/// job with suppression re-applied and cross-level hiding (<see cref="MemberProductBuilder.BuildAvailability"/>).
/// </summary>
public static class FlowsEndpoints
{
    /// <summary>Default span of a request without <c>from</c>: the last 7 days before the embargo line.</summary>
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapFlowProducts(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Products");
        products.MapGet("", ListAsync).RequireAuthorization();
        products.MapGet("/od-flows.csv", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            CsvAsync(http, db, c, z, r, format, Products.OdFlows, ct)).RequireProductAccess(Products.OdFlows);
        products.MapGet("/od-flows.geojson", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            GeoJsonAsync(http, db, c, z, r, format, FlowRowKinds.Od, ct)).RequireProductAccess(Products.OdFlows);
        products.MapGet("/od-flows/zones.geojson", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            GeoJsonAsync(http, db, c, z, r, format, FlowRowKinds.Zone, ct)).RequireProductAccess(Products.OdFlows);
        products.MapGet("/first-last-mile.csv", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            CsvAsync(http, db, c, z, r, format, Products.FirstLastMile, ct)).RequireProductAccess(Products.FirstLastMile);
        products.MapGet("/availability.csv", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            CsvAsync(http, db, c, z, r, format, Products.Availability, ct)).RequireProductAccess(Products.Availability);
        products.MapGet("/availability.geojson", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            GeoJsonAsync(http, db, c, z, r, format, FlowRowKinds.Availability, ct)).RequireProductAccess(Products.Availability);
        products.MapGet("/indicators.csv", (HttpContext http, HubDbContext db, IContractProvider c, FlowZoningCatalog z, ReleaseReads r, string? format, CancellationToken ct) =>
            CsvAsync(http, db, c, z, r, format, Products.Indicators, ct)).RequireProductAccess(Products.Indicators);
        return app;
    }

    /// <summary>
    /// The products the caller may read now, each with the k, resolution, bins, scope and delay applied, its (ε, δ, τ),
    /// the budget left in the cap of the current window (today, local time), its last release and what is built.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, HubDbContext db, IContractProvider contracts, IMemberStandingProvider standings,
        RightFingerprints fingerprints, IReleasePrivacyTerms privacy, TimeProvider clock, CancellationToken ct)
    {
        var memberId = http.User.MemberId()!;
        var contract = await contracts.GetCurrentAsync(ct);
        var standing = await standings.GetAsync(memberId, ct);
        var now = clock.GetUtcNow();
        var runs = await db.Set<FlowProductRun>().AsNoTracking().Where(r => r.MemberId == memberId).ToListAsync(ct);
        var (todayStart, todayEnd) = FlowAggregationJob.WindowOf(now, TimeSpan.FromDays(1), Domain.Aggregation.TerritoryTime.Paris);
        var spent = await PrivacyLedger.SpentAsync(db, todayStart.ToUnixTimeMilliseconds(), todayEnd.ToUnixTimeMilliseconds(), privacy.CapOf(contract), ct);
        var lastReleases = new Dictionary<string, ProductRelease>();
        foreach (var product in MemberProductBuilder.FlowProducts)
        {
            if (await db.Set<ProductRelease>().AsNoTracking().Where(r => r.MemberId == memberId && r.Product == product && r.SupersededAtMs == null)
                    .OrderByDescending(r => r.WindowStartMs).FirstOrDefaultAsync(ct) is { } last)
            {
                lastReleases[product] = last;
            }
        }
        var list = new List<object>();
        foreach (var product in MemberProductBuilder.FlowProducts)
        {
            var decision = AccessPolicy.Decide(contract, standing, new AccessRequest(memberId, product), now);
            if (!decision.Allowed)
            {
                continue;
            }
            var built = runs.Where(r => r.Product == product && r.Resolution == decision.Resolution && r.TimeBinMinutes == (int)decision.TimeBin!.Value.TotalMinutes).ToList();
            var print = fingerprints.Of(contract, memberId, product, now);
            var last = lastReleases.GetValueOrDefault(product);
            var servedUntil = built.Count == 0 ? (long?)null : Math.Min(built.Max(r => r.WindowEndMs), decision.NotAfter!.Value.ToUnixTimeMilliseconds());
            list.Add(new
            {
                product,
                min_count = decision.MinCount,
                resolution = decision.Resolution,
                time_bin = FlowProductMetadata.Duration(decision.TimeBin!.Value),
                scope = FlowAggregationJob.ScopeText(decision.Right!.Scope),
                delay = FlowProductMetadata.Duration(decision.Right.Delay),
                operator_names_visible = decision.OperatorNamesVisible,
                not_after = decision.NotAfter,
                epsilon = print?.Terms.Epsilon,
                delta = print?.Terms.Delta,
                threshold = print?.Terms.Threshold,
                budget = new
                {
                    window_start = Instant(todayStart.ToUnixTimeMilliseconds()),
                    window_end = Instant(todayEnd.ToUnixTimeMilliseconds()),
                    cap_epsilon = spent.Cap.Epsilon,
                    cap_delta = spent.Cap.Delta,
                    epsilon_left = spent.EpsilonLeft,
                    delta_left = spent.DeltaLeft,
                },
                last_release = last is null ? null : new
                {
                    release_id = last.ReleaseId,
                    window_start = Instant(last.WindowStartMs),
                    window_end = Instant(last.WindowEndMs),
                    created_at = Instant(last.CreatedAtMs),
                    contract_version = last.ContractVersion,
                    current = print is not null && print.Fingerprint == last.RightFingerprint,
                },
                coverage = new
                {
                    from = built.Count == 0 ? null : Instant(built.Min(r => r.WindowStartMs)),
                    to = servedUntil is { } until ? Instant(until) : null,
                    windows_built = built.Count,
                    last_built = built.Count == 0 ? null : Instant(built.Max(r => r.BuiltAtMs)),
                },
                formats = Formats(product),
                levels = product == Products.Availability
                    ? MemberProductBuilder.AvailabilityLevels(contract, decision.Right!).Select(l => new { resolution = l.Resolution, time_bin = FlowProductMetadata.Duration(l.TimeBin) }).ToArray()
                    : null,
            });
        }
        list.AddRange(StopMaps.StopProductListing.For(contract, standing, memberId, now));
        http.SetRowsReturned(list.Count);
        return Results.Ok(new { member = memberId, contract_version = contract.Version, products = list });
    }

    /// <summary>Each path, then the same path with each download format it also answers (<see cref="DownloadFormat"/>).</summary>
    private static string[] Formats(string product)
    {
        string[] paths = product switch
        {
            Products.OdFlows => ["/products/od-flows.csv", "/products/od-flows.geojson", "/products/od-flows/zones.geojson"],
            Products.FirstLastMile => ["/products/first-last-mile.csv"],
            Products.Availability => ["/products/availability.csv", "/products/availability.geojson"],
            _ => ["/products/indicators.csv"],
        };
        return [.. paths, .. paths.SelectMany(p => DownloadFormat.Variants(p, p.EndsWith(".csv", StringComparison.Ordinal) ? DownloadFormat.Table : DownloadFormat.Spatial))];
    }

    private static async Task<IResult> CsvAsync(HttpContext http, HubDbContext db, IContractProvider contracts, FlowZoningCatalog zonings, ReleaseReads reads,
        string? format, string product, CancellationToken ct)
    {
        var (asked, badFormat) = DownloadFormat.Parse(format, DownloadFormat.Table);
        if (badFormat is not null)
        {
            return badFormat;
        }
        var kind = product switch
        {
            Products.OdFlows => FlowRowKinds.Od,
            Products.FirstLastMile => FlowRowKinds.Stop,
            Products.Availability => FlowRowKinds.Availability,
            _ => FlowRowKinds.Day,
        };
        if (http.Request.Query.ContainsKey("bbox") && kind is FlowRowKinds.Stop or FlowRowKinds.Day)
        {
            // Indicators are territory-wide days and first/last mile rows are stops, not units of a zoning: a box
            // cannot narrow them to whole published units, so it is refused rather than silently ignored.
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["bbox"] = [$"'{product}' cannot be narrowed by bbox: ask for the whole product."] },
                detail: $"Parameter 'bbox': '{product}' cannot be narrowed by bbox.", statusCode: StatusCodes.Status400BadRequest);
        }
        var (metadata, rows, problem) = await LoadAsync(http, db, contracts, zonings, reads, product, kind, ct);
        if (problem is not null)
        {
            return problem;
        }
        http.SetRowsReturned(rows!.Count(r => r.Kind == kind));
        StateHeaders(http, metadata!);
        var csv = FlowProductFormats.Csv(product, rows!);
        if (asked == DownloadFormat.Csv)
        {
            return Results.Text(csv, "text/csv; charset=utf-8");
        }
        var contract = await contracts.GetCurrentAsync(ct);
        return FlowDownloads.Table(asked, csv, contract, metadata!, rows!);
    }

    private static async Task<IResult> GeoJsonAsync(HttpContext http, HubDbContext db, IContractProvider contracts, FlowZoningCatalog zonings, ReleaseReads reads,
        string? format, string kind, CancellationToken ct)
    {
        var (asked, badFormat) = DownloadFormat.Parse(format, DownloadFormat.Spatial);
        if (badFormat is not null)
        {
            return badFormat;
        }
        var product = kind == FlowRowKinds.Availability ? Products.Availability : Products.OdFlows;
        var (metadata, rows, problem) = await LoadAsync(http, db, contracts, zonings, reads, product, kind, ct);
        if (problem is not null)
        {
            return problem;
        }
        var contract = await contracts.GetCurrentAsync(ct);
        var zoning = zonings.Get(contract, metadata!.Resolution)!;
        http.SetRowsReturned(rows!.Count(r => r.Kind == kind));
        StateHeaders(http, metadata);
        var bytes = kind switch
        {
            FlowRowKinds.Od => FlowProductFormats.OdLinesBytes(metadata, rows!, zoning),
            FlowRowKinds.Availability => FlowProductFormats.AvailabilityBytes(metadata, rows!, zoning),
            _ => FlowProductFormats.ZonesBytes(metadata, rows!, zoning),
        };
        return asked == DownloadFormat.GeoJson
            ? Results.Bytes(bytes, "application/geo+json")
            : FlowDownloads.GeoPackage(bytes, kind, metadata, rows!);
    }

    /// <summary>
    /// The caller's rows of one kind for the request, after the decision: right resolution and bin only, no embargoed
    /// bin, whole units of the bbox. Only the kind the format writes is read (the OD CSV skips the zone and total rows).
    /// </summary>
    private static async Task<(FlowProductMetadata? Metadata, List<FlowProductRow>? Rows, IResult? Problem)> LoadAsync(
        HttpContext http, HubDbContext db, IContractProvider contracts, FlowZoningCatalog zonings, ReleaseReads reads, string product, string kind, CancellationToken ct)
    {
        var decision = http.GetAccessDecision();
        var right = decision.Right!;
        var contract = await contracts.GetCurrentAsync(ct);
        if (product == Products.Availability)
        {
            // Only the fixed levels the job materialised exist; anything else (say 2 h bins) is not published.
            var levels = MemberProductBuilder.AvailabilityLevels(contract, right);
            if (!levels.Contains((decision.Resolution!, decision.TimeBin!.Value)))
            {
                var names = string.Join(", ", levels.Select(l => $"{l.Resolution} × {FlowProductMetadata.Duration(l.TimeBin)}"));
                return (null, null, Unprocessable(decision.Resolution != right.Resolution ? "resolution" : "time_bin",
                    $"'{product}' is published to you at these fixed levels only: {names}."));
            }
        }
        else if (decision.Resolution != right.Resolution)
        {
            return (null, null, Unprocessable("resolution",
                $"'{product}' is published to you at '{right.Resolution}' only; coarser roll-ups are not served because they could be differenced against the published cells."));
        }
        else if (decision.TimeBin != right.TimeBin)
        {
            return (null, null, Unprocessable("time_bin",
                $"'{product}' is published to you in bins of {FlowProductMetadata.Duration(right.TimeBin)} only; coarser bins are not served because they could be differenced against the published bins."));
        }
        var memberId = http.User.MemberId()!;
        var notAfter = decision.NotAfter!.Value;
        var start = http.Request.Query.ContainsKey("from") ? AccessRequestBinder.ParseInstant("from", http.Request.Query["from"].ToString()) : notAfter - DefaultSpan;
        var end = http.Request.Query.ContainsKey("to") ? AccessRequestBinder.ParseInstant("to", http.Request.Query["to"].ToString()) : notAfter;
        if (end > notAfter)
        {
            end = notAfter;
        }
        var fromMs = start.ToUnixTimeMilliseconds();
        var toMs = end.ToUnixTimeMilliseconds();
        var resolution = decision.Resolution!;
        var binMinutes = (int)decision.TimeBin!.Value.TotalMinutes;
        // Bins overlapping [from, to) and ending before the embargo line; a local day bin starts before the UTC date
        // it is named after, and a DST bin is up to an hour longer, hence the seek floor; both bounds on BinStartMs
        // keep the read a bounded range of the (member, product, level, bin start) index.
        var seekFromMs = fromMs - ((binMinutes + 60) * 60_000L);
        // Publish once: only releases built under the right in force are served (never a stale one).
        var check = await reads.CheckAsync(db, contract, memberId, product, fromMs, toMs, ct);
        if (check.Problem is not null)
        {
            return (null, null, check.Problem);
        }
        var rows = await db.Set<FlowProductRow>().AsNoTracking()
            .Where(r => r.MemberId == memberId && r.Product == product && r.Resolution == resolution && r.TimeBinMinutes == binMinutes
                && r.BinStartMs >= seekFromMs && r.BinStartMs < toMs && r.BinEndMs > fromMs && r.BinEndMs <= toMs && r.Kind == kind)
            .OrderBy(r => r.BinStartMs).ThenBy(r => r.Id)
            // Only the columns a format writes: the member, product and level are the filter's own values, so reading
            // them back per row was wasted string allocations.
            .Select(r => new FlowProductRow
            {
                MemberId = memberId,
                Product = product,
                Resolution = resolution,
                TimeBinMinutes = binMinutes,
                BinStartMs = r.BinStartMs,
                WindowStartMs = r.WindowStartMs,
                BinEndMs = r.BinEndMs,
                Kind = kind,
                Operators = r.Operators,
                Origin = r.Origin,
                Destination = r.Destination,
                Count = r.Count,
                CountSuppressed = r.CountSuppressed,
                Count2 = r.Count2,
                Count2Suppressed = r.Count2Suppressed,
                Count3 = r.Count3,
                Count3Suppressed = r.Count3Suppressed,
                Measure1 = r.Measure1,
                Measure2 = r.Measure2,
            })
            .ToListAsync(ct);
        if (check.WithheldWindows.Count > 0)
        {
            rows = rows.Where(r => !check.WithheldWindows.Contains(r.WindowStartMs)).ToList();
            http.Response.Headers["X-DGT-Windows-Withheld"] = string.Join(',', check.WithheldWindows.Order().Select(Instant));
        }
        if (http.Request.Query.ContainsKey("bbox") && zonings.Get(contract, decision.Resolution!) is { } zoning)
        {
            // Whole published units touching the box; bin totals would then mix units in and out of it, so they are left out.
            var codes = zoning.CodesIntersecting(decision.EffectiveArea!);
            rows = rows.Where(r => r.Kind switch
            {
                FlowRowKinds.Od => codes.Contains(r.Origin!) || codes.Contains(r.Destination!),
                FlowRowKinds.Zone or FlowRowKinds.Availability => codes.Contains(r.Origin!),
                _ => false,
            }).ToList();
        }
        return (FlowAggregationJob.MetadataOf(contract, decision, memberId, product) with { Privacy = check.Print?.Terms }, rows, null);
    }

    private static void StateHeaders(HttpContext http, FlowProductMetadata m)
    {
        var headers = http.Response.Headers;
        headers["X-DGT-Min-Count"] = m.MinCount.ToString(CultureInfo.InvariantCulture);
        headers["X-DGT-Resolution"] = m.Resolution;
        headers["X-DGT-Time-Bin"] = m.TimeBinText;
        headers["X-DGT-Scope"] = m.Scope;
        headers["X-DGT-Delay"] = m.DelayText;
        headers["X-DGT-Contract-Version"] = m.ContractVersion;
        if (m.Privacy is { } privacy)
        {
            headers["X-DGT-Epsilon"] = privacy.Epsilon.ToString(CultureInfo.InvariantCulture);
            headers["X-DGT-Delta"] = privacy.Delta.ToString(CultureInfo.InvariantCulture);
            headers["X-DGT-Threshold"] = privacy.Threshold.ToString(CultureInfo.InvariantCulture);
        }
        if (m.NotAfter is { } notAfter)
        {
            headers["X-DGT-Not-After"] = notAfter.ToString("O", CultureInfo.InvariantCulture);
        }
    }

    private static IResult Unprocessable(string field, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, detail: $"Parameter '{field}': {reason}",
            statusCode: StatusCodes.Status422UnprocessableEntity);

    private static string Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O", CultureInfo.InvariantCulture);

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
