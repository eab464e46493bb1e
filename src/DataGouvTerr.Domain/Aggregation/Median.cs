namespace DataGouvTerr.Domain.Aggregation;

/// <summary>Median of coarsened integer measures (mean of the two middle values for an even count).</summary>
public static class Median
{
    /// <summary>Sorts <paramref name="values"/> in place; null when empty.</summary>
    public static double? Of(Span<int> values)
    {
        if (values.IsEmpty)
        {
            return null;
        }
        values.Sort();
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + (double)values[mid]) / 2;
    }
}
