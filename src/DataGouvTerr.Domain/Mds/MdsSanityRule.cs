using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DataGouvTerr.Domain.Mds;

/// <summary>
/// Sanity checks beyond the schema, judged against the hub's clock and the contract: a time must not be in the future
/// beyond a small skew nor older than the feed's retention (it would be deleted at once), and a point must be in France
/// (else rejected) and should be inside the contract's territory (else kept but flagged <c>outside_territory</c>:
/// a trip may legitimately end just past the border).
/// </summary>
public sealed class MdsSanityRule
{
    public const string OutsideTerritoryFlag = "outside_territory";

    /// <summary>
    /// Envelopes of metropolitan France with Corsica and of the overseas départements and collectivités with roads
    /// (lng/lat, WGS84). Coarse on purpose: they catch swapped lat/lng, (0,0) and wrong-country points; the contract
    /// territory does the fine check.
    /// </summary>
    private static readonly Envelope[] FranceEnvelopes =
    [
        new(-5.3, 9.7, 41.2, 51.2),      // métropole + Corse
        new(-61.9, -60.9, 15.8, 16.6),   // Guadeloupe
        new(-61.3, -60.8, 14.3, 14.9),   // Martinique
        new(-54.7, -51.5, 2.0, 5.9),     // Guyane
        new(55.2, 55.9, -21.4, -20.8),   // La Réunion
        new(44.9, 45.4, -13.1, -12.6),   // Mayotte
        new(-63.2, -62.7, 17.8, 18.2),   // Saint-Martin, Saint-Barthélemy
        new(-56.5, -56.1, 46.7, 47.2),   // Saint-Pierre-et-Miquelon
        new(163.5, 168.2, -22.8, -19.5), // Nouvelle-Calédonie
        new(-154.8, -134.4, -27.7, -7.8), // Polynésie française
    ];

    private readonly long _nowMs;
    private readonly long _maxFutureMs;
    private readonly long _oldestMs;
    private readonly IPreparedGeometry? _territory;
    private readonly GeometryFactory _factory;

    public MdsSanityRule(DateTimeOffset now, TimeSpan maxFutureSkew, int retentionDays, Geometry? territory)
    {
        _nowMs = now.ToUnixTimeMilliseconds();
        _maxFutureMs = _nowMs + (long)maxFutureSkew.TotalMilliseconds;
        _oldestMs = _nowMs - retentionDays * 86_400_000L;
        _territory = territory is null ? null : PreparedGeometryFactory.Prepare(territory);
        _factory = territory?.Factory ?? new GeometryFactory(new PrecisionModel(), 4326);
    }

    public MdsSanityOutcome Check(MdsEvent e)
    {
        var outcome = new MdsSanityOutcome();
        CheckTime(outcome, "timestamp", e.TimestampMs);
        if (e.Location is not null)
        {
            CheckPoint(outcome, "location", e.Location);
        }
        return outcome;
    }

    public MdsSanityOutcome Check(MdsTelemetry t)
    {
        var outcome = new MdsSanityOutcome();
        CheckTime(outcome, "timestamp", t.TimestampMs);
        CheckPoint(outcome, "location", t.Location);
        return outcome;
    }

    public MdsSanityOutcome Check(MdsTrip t)
    {
        var outcome = new MdsSanityOutcome();
        CheckTime(outcome, "start_time", t.StartTimeMs);
        CheckTime(outcome, "end_time", t.EndTimeMs);
        CheckPoint(outcome, "start_location", t.StartLocation);
        CheckPoint(outcome, "end_location", t.EndLocation);
        return outcome;
    }

    private void CheckTime(MdsSanityOutcome outcome, string field, long ms)
    {
        if (ms > _maxFutureMs)
        {
            outcome.Reject(field, $"{ms} is {(ms - _nowMs) / 1000} s in the future (hub clock {_nowMs})");
        }
        else if (ms < _oldestMs)
        {
            outcome.Reject(field, $"{ms} is older than the feed's retention; it would be deleted on arrival");
        }
    }

    private void CheckPoint(MdsSanityOutcome outcome, string field, MdsGps gps)
    {
        if (!IsInFrance(gps.Lng, gps.Lat))
        {
            outcome.Reject(field, $"({gps.Lat}, {gps.Lng}) is outside France (lat/lng swapped?)");
            return;
        }
        if (_territory is not null && !_territory.Covers(_factory.CreatePoint(new Coordinate(gps.Lng, gps.Lat))))
        {
            outcome.Flag(OutsideTerritoryFlag);
        }
    }

    public static bool IsInFrance(double lng, double lat)
    {
        foreach (var e in FranceEnvelopes)
        {
            if (e.Contains(lng, lat))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>What the sanity rule found on one item: rejections (answered as <c>bad_param</c>) and flags kept with the stored row.</summary>
public sealed class MdsSanityOutcome
{
    private List<string>? _badParams;
    private List<string>? _reasons;
    private List<string>? _flags;

    public IReadOnlyList<string> BadParams => _badParams ?? [];
    public IReadOnlyList<string> Reasons => _reasons ?? [];
    public IReadOnlyList<string> Flags => _flags ?? [];
    public bool IsRejected => _badParams is { Count: > 0 };

    public void Reject(string field, string reason)
    {
        (_badParams ??= []).Add(field);
        (_reasons ??= []).Add($"{field}: {reason}");
    }

    public void Flag(string code)
    {
        _flags ??= [];
        if (!_flags.Contains(code))
        {
            _flags.Add(code);
        }
    }
}
