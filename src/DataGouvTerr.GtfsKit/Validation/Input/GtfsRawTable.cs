namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// A GTFS file kept as text, column by column: validation needs the raw value to say which value is wrong and
/// where, which a typed reader has already thrown away. Empty cells are <see cref="string.Empty"/>.
/// </summary>
public sealed class GtfsRawTable
{
    private readonly Dictionary<string, int> _columnIndex;
    private readonly List<string>[] _columns;
    private readonly List<int> _rowNumbers = [];

    public GtfsRawTable(string fileName, IReadOnlyList<string> header)
    {
        FileName = fileName;
        Header = header;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            // A duplicated column is a notice; the first one wins, as in the MobilityData validator.
            _columnIndex.TryAdd(header[i], i);
        }
        _columns = new List<string>[header.Count];
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i] = [];
        }
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    public int RowCount => _rowNumbers.Count;

    /// <summary>CSV row number of each record (header = 1), for notices.</summary>
    public IReadOnlyList<int> RowNumbers => _rowNumbers;

    public bool HasColumn(string name) => _columnIndex.ContainsKey(name);

    /// <summary>The values of a column, or null when the file has no such column.</summary>
    public IReadOnlyList<string>? Column(string name) =>
        _columnIndex.TryGetValue(name, out var index) ? _columns[index] : null;

    /// <summary>The value of a cell, empty when the column is absent.</summary>
    public string Get(int row, string column) =>
        _columnIndex.TryGetValue(column, out var index) ? _columns[index][row] : string.Empty;

    /// <summary>Row index of the first record whose <paramref name="column"/> equals <paramref name="value"/>, or -1.</summary>
    public int IndexOf(string column, string value) =>
        _columnIndex.TryGetValue(column, out var index) ? _columns[index].IndexOf(value) : -1;

    internal void AddRow(int rowNumber, string[] values)
    {
        _rowNumbers.Add(rowNumber);
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Add(values[i]);
        }
    }
}
