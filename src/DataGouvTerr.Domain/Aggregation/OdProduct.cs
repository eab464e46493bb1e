namespace DataGouvTerr.Domain.Aggregation;

/// <summary>
/// A published OD cell. A suppressed cell has no count and no medians, only <see cref="Suppressed"/> = true:
/// it is never shown as zero. Pairs with no trip at all are simply absent.
/// </summary>
public sealed record OdFlowCell(string Operators, long Bin, int Origin, int Destination, int? Trips, bool Suppressed, double? MedianDurationSeconds, double? MedianDistanceMeters);

/// <summary>Per unit and bin: trips starting there, ending there, and both starting and ending there (the intra-zone cell).</summary>
public sealed record ZoneFlowTotal(string Operators, long Bin, int Zone, int? Starting, bool StartingSuppressed, int? Ending, bool EndingSuppressed, int? Both, bool BothSuppressed);

/// <summary>All trips of one bin in the product's scope (the sum every row and column total adds up to).</summary>
public sealed record BinFlowTotal(string Operators, long Bin, int? Trips, bool Suppressed);

/// <summary>An OD product after k-suppression, ready to serialise; zone indices refer to <see cref="OdAggregate.Zoning"/> (or the scope's outside index).</summary>
public sealed record OdProduct
{
    public required int MinCount { get; init; }
    public required AggregationZoning Zoning { get; init; }
    public required TimeBinning Binning { get; init; }
    public required int OutsideIndex { get; init; }
    public required IReadOnlyList<OdFlowCell> Cells { get; init; }
    public required IReadOnlyList<ZoneFlowTotal> ZoneTotals { get; init; }
    public required IReadOnlyList<BinFlowTotal> BinTotals { get; init; }

    /// <summary>Public code of a zone index, <c>outside</c> for the scope's outside pseudo-zone.</summary>
    public string CodeOf(int zone) => zone == OutsideIndex ? OutsideCode : Zoning.CodeOf(zone);

    public const string OutsideCode = "outside";
}
