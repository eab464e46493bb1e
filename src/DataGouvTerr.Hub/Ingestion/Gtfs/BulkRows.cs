using NpgsqlTypes;

namespace DataGouvTerr.Hub.Ingestion.Gtfs;

/// <summary>
/// The rows of one entity type to bulk-load, described column by column as (property, value of row i): the columnar
/// GtfsKit tables are written without one entity object per row. Adding a table to a load is one more of these.
/// </summary>
public sealed class BulkRows<TEntity>(int count)
{
    private readonly List<BulkColumn> _columns = [];

    public int Count { get; } = count;

    internal IReadOnlyList<BulkColumn> Columns => _columns;

    /// <summary>A column that always has a value (long, int, double, bool…).</summary>
    public BulkRows<TEntity> Value<T>(string property, NpgsqlDbType type, Func<int, T> value)
        where T : struct
    {
        _columns.Add(new ValueColumn<T>(property, type, value));
        return this;
    }

    /// <summary>A nullable value column; null is written as SQL NULL.</summary>
    public BulkRows<TEntity> Nullable<T>(string property, NpgsqlDbType type, Func<int, T?> value)
        where T : struct
    {
        _columns.Add(new NullableColumn<T>(property, type, value));
        return this;
    }

    /// <summary>A text column; null is written as SQL NULL.</summary>
    public BulkRows<TEntity> Text(string property, Func<int, string?> value)
    {
        _columns.Add(new TextColumn(property, value));
        return this;
    }
}

/// <summary>One column of a <see cref="BulkRows{TEntity}"/>: writes row i to a COPY stream or gives it as a parameter value.</summary>
internal abstract class BulkColumn(string property)
{
    public string Property { get; } = property;

    public abstract void Write(Npgsql.NpgsqlBinaryImporter importer, int row);

    public abstract object Parameter(int row);
}

internal sealed class ValueColumn<T>(string property, NpgsqlDbType type, Func<int, T> value) : BulkColumn(property)
    where T : struct
{
    public override void Write(Npgsql.NpgsqlBinaryImporter importer, int row) => importer.Write(value(row), type);

    public override object Parameter(int row) => value(row);
}

internal sealed class NullableColumn<T>(string property, NpgsqlDbType type, Func<int, T?> value) : BulkColumn(property)
    where T : struct
{
    public override void Write(Npgsql.NpgsqlBinaryImporter importer, int row)
    {
        if (value(row) is { } v)
        {
            importer.Write(v, type);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public override object Parameter(int row) => value(row) is { } v ? v : DBNull.Value;
}

internal sealed class TextColumn(string property, Func<int, string?> value) : BulkColumn(property)
{
    public override void Write(Npgsql.NpgsqlBinaryImporter importer, int row)
    {
        if (value(row) is { } v)
        {
            importer.Write(v, NpgsqlDbType.Text);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public override object Parameter(int row) => (object?)value(row) ?? DBNull.Value;
}
