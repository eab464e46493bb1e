namespace DataGouvTerr.GtfsKit.Model;

/// <summary>An append-only array that doubles; the columnar tables keep one per column instead of one object per row.</summary>
internal sealed class GrowableArray<T>
{
    private T[] _items;

    public GrowableArray(int capacity = 1024) => _items = new T[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, checked(_items.Length * 2));
        }

        _items[Count++] = item;
    }

    /// <summary>Grows once to the expected final size, so a large file is not copied at every doubling.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Array.Resize(ref _items, capacity);
        }
    }

    /// <summary>The filled part, trimmed so the table owns an exact-size array.</summary>
    public T[] ToTrimmedArray()
    {
        if (_items.Length != Count)
        {
            Array.Resize(ref _items, Count);
        }

        return _items;
    }
}
