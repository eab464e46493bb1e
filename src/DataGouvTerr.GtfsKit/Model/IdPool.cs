namespace DataGouvTerr.GtfsKit.Model;

/// <summary>Interns the ids of a large file (trip_id, stop_id, shape_id) so millions of rows share one string per distinct id.</summary>
public sealed class IdPool
{
    private readonly Dictionary<string, int> _indexById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _ids = [];

    public IdPool() => _lookup = _indexById.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _ids.Count;

    public string this[int index] => _ids[index];

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Index of the id, adding it when new; allocates a string only the first time an id is seen.</summary>
    public int GetOrAdd(ReadOnlySpan<char> id)
    {
        if (_lookup.TryGetValue(id, out var index))
        {
            return index;
        }

        var text = id.ToString();
        index = _ids.Count;
        _ids.Add(text);
        _indexById.Add(text, index);
        return index;
    }

    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);
}
