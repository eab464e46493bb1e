namespace DataGouvTerr.GtfsKit.Validation.Schema;

/// <summary>How a GTFS file is required by the reference.</summary>
public enum GtfsFilePresence
{
    Optional,
    Required,
    /// <summary>Required under a condition a rule checks (stops.txt, calendar.txt/calendar_dates.txt).</summary>
    ConditionallyRequired,
    Recommended,
}

/// <summary>One file of a GTFS feed: its fields, its primary key, and how much it is required.</summary>
public sealed record GtfsFileSpec(string FileName, GtfsFilePresence Presence, IReadOnlyList<GtfsFieldSpec> Fields, IReadOnlyList<string> PrimaryKey)
{
    public GtfsFieldSpec? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
