using System.Globalization;
using DataGouvTerr.Domain.Access;
using DataGouvTerr.Domain.Contracts;

namespace DataGouvTerr.Domain.Privacy;

/// <summary>
/// One noisy measurement of a release: a histogram of counts to which one protected unit (a trip; a vehicle within
/// a bin) adds at most <see cref="Sensitivity"/> in total, released with discrete Laplace noise of scale
/// Δ / <see cref="Epsilon"/>. Over a fixed domain (every zone × bin, zeros included) the measurement is ε-DP with no
/// δ; over keys that only exist when a trip made them (OD pairs) it is noise-plus-threshold and costs the release's δ.
/// Counts whose noisy value is below <see cref="Threshold"/> are withheld. Over a fixed domain the threshold is also
/// high enough that an empty cell shows a count with probability at most 1e-4
/// (<see cref="ReleaseThreshold.ForFalseDiscovery"/>): noise alone must not paint trips where there were none.
/// </summary>
public sealed record MeasurementPlan(string Name, decimal Epsilon, int Sensitivity, int Threshold, bool KeysFromData)
{
    public NoiseScale Scale { get; } = NoiseScale.For(Epsilon, Sensitivity);

    /// <summary>One noisy count: the exact count plus one fresh draw (never rounded or clamped here).</summary>
    public long Noisy(INoiseSource source, long count) => count + DiscreteLaplace.Sample(source, Scale);

    /// <summary>The published value of a noisy count: itself when it reaches the threshold, otherwise withheld (null).</summary>
    public int? Publish(long noisy) => noisy >= Threshold ? (int)Math.Min(noisy, int.MaxValue) : null;
}

/// <summary>
/// How one release of one right spends the right's ε: the fixed set of noisy measurements it is made of, each with
/// its share of ε (shares add up to the whole ε, basic composition), its sensitivity and its threshold. Everything a
/// product publishes for that (right, window) — cells, totals, roll-ups, ratios — is computed from these
/// measurements only, so it is post-processing and costs nothing more. The shares are the hub's, stated here and in
/// the README; the contract sets ε, δ and the minimum count.
/// </summary>
public sealed class ReleasePlan
{
    /// <summary>
    /// Availability means are counted in integer weights: a sample weighs ⌊L / S⌋ where S is its provider's snapshot
    /// count in the bin, so one vehicle adds at most L to a bin over all zones (it is in one place per snapshot) and the
    /// mean is the weight over L. Integers keep the noise exact (no floating point in a draw).
    /// </summary>
    public const int AvailabilityWeightUnit = 1 << 20;

    private readonly Dictionary<string, MeasurementPlan> _byName;

    private ReleasePlan(string product, decimal epsilon, decimal delta, int minCount, IReadOnlyList<MeasurementPlan> measurements)
    {
        Product = product;
        Epsilon = epsilon;
        Delta = delta;
        MinCount = minCount;
        Measurements = measurements;
        _byName = measurements.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public string Product { get; }

    public decimal Epsilon { get; }

    public decimal Delta { get; }

    public int MinCount { get; }

    public IReadOnlyList<MeasurementPlan> Measurements { get; }

    public MeasurementPlan this[string name] => _byName[name];

    /// <summary>
    /// The threshold a release is labelled with (τ in /products and the headers): the noise-plus-threshold one (OD
    /// pairs) where there is one, else the highest of its fixed-domain counts. <see cref="Mechanism"/> lists each.
    /// </summary>
    public int Threshold => Measurements.FirstOrDefault(m => m.KeysFromData)?.Threshold ?? Measurements.Max(m => m.Threshold);

    public static class Names
    {
        public const string OdPairs = "od_pairs";
        public const string ZoneStarting = "zone_starting";
        public const string ZoneEnding = "zone_ending";
        public const string StopStarting = "stop_starting";
        public const string StopEnding = "stop_ending";
        public const string DayTrips = "day_trips";
        public const string DayVehicles = "day_vehicles";
        public const string DayTouchingStop = "day_touching_stop";
        public const string AvailabilityWeight = "availability_weight";
    }

    /// <summary>
    /// The plan of a product at (ε, δ) and minimum count k. Shares:
    /// od-flows — pairs ½ (noise plus threshold), trips starting ¼ and ending ¼ per zone;
    /// first-last-mile — starting ½ and ending ½ (a trip counts at its nearest stop only);
    /// indicators — trips, vehicles in use and trips touching a stop, ⅓ each (0.34 / 0.33 / 0.33);
    /// availability — the whole ε on the mean vehicles available per zone and bin (unit: a vehicle within a bin).
    /// </summary>
    public static ReleasePlan For(string product, decimal epsilon, decimal delta, int minCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delta);
        var k = Math.Max(minCount, AccessPolicy.AbsoluteMinCount);
        MeasurementPlan Fixed(string name, decimal share, int sensitivity = 1)
        {
            var scale = NoiseScale.For(epsilon * share, sensitivity);
            // In count units: the weight unit of availability divides out.
            var threshold = Math.Max(k, ReleaseThreshold.ForFalseDiscovery(scale, sensitivity));
            return new(name, epsilon * share, sensitivity, threshold, false);
        }
        IReadOnlyList<MeasurementPlan> measurements = product switch
        {
            Products.OdFlows =>
            [
                Thresholded(Names.OdPairs, epsilon * 0.5m, delta, k),
                Fixed(Names.ZoneStarting, 0.25m),
                Fixed(Names.ZoneEnding, 0.25m),
            ],
            Products.FirstLastMile => [Fixed(Names.StopStarting, 0.5m), Fixed(Names.StopEnding, 0.5m)],
            Products.Indicators => [Fixed(Names.DayTrips, 0.34m), Fixed(Names.DayVehicles, 0.33m), Fixed(Names.DayTouchingStop, 0.33m)],
            Products.Availability => [Fixed(Names.AvailabilityWeight, 1m, AvailabilityWeightUnit)],
            _ => throw new ArgumentException($"No release plan for product '{product}'.", nameof(product)),
        };
        return new ReleasePlan(product, epsilon, delta, k, measurements);
    }

    /// <summary>Products released under a plan (the others, stop maps and feed reports, hold no personal-adjacent data).</summary>
    public static bool Covers(string product) => product is Products.OdFlows or Products.FirstLastMile or Products.Indicators or Products.Availability;

    private static MeasurementPlan Thresholded(string name, decimal epsilon, decimal delta, int k)
    {
        var scale = NoiseScale.For(epsilon, 1);
        return new MeasurementPlan(name, epsilon, 1, ReleaseThreshold.For(scale, delta, k), true);
    }

    /// <summary>One sentence naming the mechanism, stored with the release and served with it.</summary>
    public string Mechanism
    {
        get
        {
            var parts = Measurements.Select(m => m.KeysFromData
                ? string.Create(CultureInfo.InvariantCulture, $"{m.Name}: ε={m.Epsilon}, noise plus threshold τ={m.Threshold}")
                : string.Create(CultureInfo.InvariantCulture, $"{m.Name}: ε={m.Epsilon}, every cell noised, shown from {m.Threshold}"));
            return "Discrete Laplace noise (CKS 2020, OS CSPRNG) per measurement, figures derived by post-processing; " + string.Join("; ", parts) + ".";
        }
    }
}
