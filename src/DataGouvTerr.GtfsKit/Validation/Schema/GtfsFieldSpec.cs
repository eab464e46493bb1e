namespace DataGouvTerr.GtfsKit.Validation.Schema;

/// <summary>
/// One column of a GTFS file as the reference defines it: its type, whether it must be present and filled,
/// the allowed values of an enum, and the file/field it refers to when it is a foreign key.
/// </summary>
public sealed record GtfsFieldSpec(string Name, GtfsFieldType Type, bool Required = false)
{
    /// <summary>Allowed values when <see cref="Type"/> is <see cref="GtfsFieldType.Enum"/>.</summary>
    public IReadOnlySet<int>? EnumValues { get; init; }

    /// <summary>The file the value must be found in (e.g. <c>stops.txt</c>), when the field is a reference.</summary>
    public string? ForeignFile { get; init; }

    /// <summary>The field of <see cref="ForeignFile"/> holding the referenced value.</summary>
    public string? ForeignField { get; init; }

    /// <summary>Required column, but its value may be empty (e.g. stop_times arrival_time between timepoints).</summary>
    public bool ColumnRequiredOnly { get; init; }
}
