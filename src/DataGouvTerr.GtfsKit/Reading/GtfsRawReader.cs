namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>One CSV record exactly as written: its row number (header = 1) and its raw field values in header order.</summary>
public sealed record GtfsRawRow(long RowNumber, IReadOnlyList<string> Values);

/// <summary>
/// Streams the raw rows of any file of a feed (known or not), for validation rules that need the text as written
/// (whitespace, quoting, unknown columns). One row at a time: memory stays flat whatever the file size.
/// </summary>
public static class GtfsRawReader
{
    /// <summary>The header (null when the file is absent, empty or unusable) and a lazy sequence of rows.</summary>
    public static (IReadOnlyList<string>? Columns, IEnumerable<GtfsRawRow> Rows, IReadOnlyList<GtfsReadIssue> HeaderIssues) ReadRows(
        GtfsSource source, string fileName)
    {
        var issues = new IssueSink(1000);
        var table = CsvTable.Open(source, fileName, issues);
        return table is null ? (null, [], issues.ToList()) : (table.Columns, Enumerate(table), issues.ToList());
    }

    private static IEnumerable<GtfsRawRow> Enumerate(CsvTable table)
    {
        using (table)
        {
            foreach (var row in table.Reader)
            {
                var values = new string[row.ColCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = row[i].ToString();
                }

                yield return new GtfsRawRow(row.RowIndex + 2L, values);
            }
        }
    }
}
