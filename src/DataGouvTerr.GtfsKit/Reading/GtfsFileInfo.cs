namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>What the reader saw of one file: its header columns (raw, in order) and how many records it had.</summary>
public sealed record GtfsFileInfo(string FileName, IReadOnlyList<string> Columns, long RowCount)
{
    public bool HasColumn(string name) => Columns.Contains(name, StringComparer.Ordinal);
}
