namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// How operators appear in a product: all summed into one slice, or — where the member's right shows operator
/// names — one slice per operator that agreed to be named, with every other operator summed together. An
/// operator that did not agree is never alone in a slice.
/// </summary>
public sealed class OperatorSlicing
{
    public const string AllOperators = "all-operators";
    public const string OtherOperators = "other-operators";

    private readonly Dictionary<Guid, int> _sliceOfProvider;
    private readonly int _defaultSlice;

    private OperatorSlicing(IReadOnlyList<string> labels, Dictionary<Guid, int> sliceOfProvider, int defaultSlice)
    {
        Labels = labels;
        _sliceOfProvider = sliceOfProvider;
        _defaultSlice = defaultSlice;
    }

    public IReadOnlyList<string> Labels { get; }

    public static OperatorSlicing Summed { get; } = new([AllOperators], [], 0);

    /// <summary>Providers mapped to a non-empty name get that name's slice; all others share <see cref="OtherOperators"/>.</summary>
    public static OperatorSlicing Named(IReadOnlyDictionary<Guid, string?> agreedNames)
    {
        var labels = agreedNames.Values.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).Distinct().Order(StringComparer.Ordinal).ToList();
        var map = agreedNames.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => labels.IndexOf(p.Value!));
        labels.Add(OtherOperators);
        return new OperatorSlicing(labels, map, labels.Count - 1);
    }

    public int SliceOf(Guid providerId) => _sliceOfProvider.TryGetValue(providerId, out var slice) ? slice : _defaultSlice;
}
