using DataGouvTerr.GtfsKit.Model;
using nietras.SeparatedValues;

namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>Reads named fields of one CSV record, recording unparseable values as issues with their raw text.</summary>
internal ref struct RowReader
{
    private readonly SepReader.Row _row;
    private readonly CsvTable _table;
    private readonly IssueSink _issues;

    public RowReader(SepReader.Row row, CsvTable table, IssueSink issues, long rowNumber)
    {
        _row = row;
        _table = table;
        _issues = issues;
        RowNumber = rowNumber;
    }

    public long RowNumber { get; }

    private ReadOnlySpan<char> Span(string field)
    {
        var col = _table.Col(field);
        return col < 0 || col >= _row.ColCount ? [] : _row[col].Span;
    }

    public string Text(string field)
    {
        var span = Span(field);
        if (span.IsEmpty)
        {
            return "";
        }

        if (span.Contains('\uFFFD'))
        {
            _issues.Add(GtfsReadCodes.InvalidCharacter, GtfsIssueSeverity.Error, _table.FileName, RowNumber, field, span.ToString(),
                $"{field} contains bytes that are not UTF-8.");
        }

        return span.ToString();
    }

    public int? Int(string field)
    {
        var span = Span(field);
        if (span.Trim().IsEmpty)
        {
            return null;
        }

        if (FieldParsers.TryParseInt(span, out var value))
        {
            return value;
        }

        Report(GtfsReadCodes.InvalidInteger, field, span, "an integer");
        return null;
    }

    public double? Double(string field)
    {
        var span = Span(field);
        if (span.Trim().IsEmpty)
        {
            return null;
        }

        if (FieldParsers.TryParseDouble(span, out var value))
        {
            return value;
        }

        Report(GtfsReadCodes.InvalidFloat, field, span, "a number");
        return null;
    }

    public DateOnly? Date(string field)
    {
        var span = Span(field);
        if (span.Trim().IsEmpty)
        {
            return null;
        }

        if (FieldParsers.TryParseDate(span, out var value))
        {
            return value;
        }

        Report(GtfsReadCodes.InvalidDate, field, span, "a YYYYMMDD date");
        return null;
    }

    public GtfsTime Time(string field)
    {
        var span = Span(field);
        if (span.Trim().IsEmpty)
        {
            return GtfsTime.Missing;
        }

        if (GtfsTime.TryParse(span, out var value))
        {
            return value;
        }

        Report(GtfsReadCodes.InvalidTime, field, span, "an H:MM:SS time");
        return GtfsTime.Missing;
    }

    private readonly void Report(string code, string field, ReadOnlySpan<char> raw, string expected) =>
        _issues.Add(code, GtfsIssueSeverity.Error, _table.FileName, RowNumber, field, raw.ToString(),
            $"{field} '{raw}' is not {expected}.");
}
