namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// A published OD pair: its noisy count, which reached the release threshold. Pairs under the threshold are not
/// listed at all: they exist only because a trip made them, so even naming them as "suppressed" would tell that a
/// trip took place there (noise plus threshold protects the key set too).
/// </summary>
public sealed record OdFlowCell(string Operators, long Bin, int Origin, int Destination, int Trips);

/// <summary>
/// Per unit and bin: noisy trips starting there, ending there, and both starting and ending there (the intra-zone
/// pair, read from the published pairs). A value under its threshold is null with its flag set, never zero.
/// </summary>
public sealed record ZoneFlowTotal(string Operators, long Bin, int Zone, int? Starting, bool StartingSuppressed, int? Ending, bool EndingSuppressed, int? Both, bool BothSuppressed);

/// <summary>An OD release ready to serialise; zone indices refer to <see cref="OdAggregate.Zoning"/> (or the scope's outside index).</summary>
public sealed record OdProduct
{
    public required Privacy.ReleasePlan Plan { get; init; }
    public required AggregationZoning Zoning { get; init; }
    public required TimeBinning Binning { get; init; }
    public required int OutsideIndex { get; init; }
    public required IReadOnlyList<OdFlowCell> Cells { get; init; }
    public required IReadOnlyList<ZoneFlowTotal> ZoneTotals { get; init; }

    /// <summary>Public code of a zone index, <c>outside</c> for the scope's outside pseudo-zone.</summary>
    public string CodeOf(int zone) => zone == OutsideIndex ? OutsideCode : Zoning.CodeOf(zone);

    public const string OutsideCode = "outside";
}
