using System.Text;
using nietras.SeparatedValues;

namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>
/// One GTFS file opened for streaming: the header is read here (so duplicated or empty column names, BOMs and wrong
/// delimiters become issues, not exceptions) and the records are parsed by Sep. Invalid UTF-8 bytes decode to U+FFFD,
/// which the row readers report as invalid_character.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly Stream _stream;
    private readonly StreamReader _text;
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);

    private CsvTable(string fileName, long declaredBytes, Stream stream, StreamReader text, List<string> columns, SepReader reader)
    {
        FileName = fileName;
        DeclaredBytes = declaredBytes;
        _stream = stream;
        _text = text;
        Columns = columns;
        Reader = reader;
        for (var i = 0; i < columns.Count; i++)
        {
            _columnIndex.TryAdd(columns[i].Trim(), i);
        }
    }

    public string FileName { get; }

    /// <summary>Size of the file as the source declares it; readers use it to size their columns once.</summary>
    public long DeclaredBytes { get; }
    public IReadOnlyList<string> Columns { get; }
    public SepReader Reader { get; }

    /// <summary>Index of a column by name (first occurrence), -1 when absent.</summary>
    public int Col(string name) => _columnIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Opens a file, or returns null when it is absent or has no usable header (an issue says why).</summary>
    public static CsvTable? Open(GtfsSource source, string fileName, IssueSink issues)
    {
        var stream = source.OpenFile(fileName);
        if (stream is null)
        {
            return null;
        }

        // throwOnInvalidBytes: false — bad bytes become U+FFFD and are reported per value, the rest of the file stays usable.
        var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var headerLine = text.ReadLine();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            issues.Add(GtfsReadCodes.EmptyFile, GtfsIssueSeverity.Warning, fileName, 0, null, null, $"{fileName} is empty.");
            text.Dispose();
            return null;
        }

        var columns = SplitHeader(headerLine);
        if (columns.Count == 1 && (headerLine.Contains(';') || headerLine.Contains('\t') || headerLine.Contains('|')))
        {
            issues.Add(GtfsReadCodes.WrongDelimiter, GtfsIssueSeverity.Error, fileName, 1, null, headerLine,
                $"{fileName} is not comma-separated (its header has ';', tab or '|' and no comma); file ignored.");
            text.Dispose();
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i];
            if (name.Contains('\uFFFD'))
            {
                issues.Add(GtfsReadCodes.InvalidCharacter, GtfsIssueSeverity.Error, fileName, 1, name, name,
                    $"Header of {fileName} has bytes that are not UTF-8.");
            }

            if (name.Trim().Length == 0)
            {
                issues.Add(GtfsReadCodes.EmptyColumnName, GtfsIssueSeverity.Error, fileName, 1, null, name, $"Column {i + 1} of {fileName} has no name.");
            }
            else if (!seen.Add(name.Trim()))
            {
                issues.Add(GtfsReadCodes.DuplicatedColumn, GtfsIssueSeverity.Error, fileName, 1, name, name,
                    $"Column '{name}' appears twice in {fileName}; the first one is used.");
            }
        }

        var reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            DisableColCountCheck = true,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
            // A larger buffer than Sep's default means fewer refills and fewer moves of a partial row to its start.
            InitialBufferLength = 1 << 17,
        }).From(text);
        return new CsvTable(fileName, source.DeclaredLength(fileName), stream, text, columns, reader);
    }

    /// <summary>Splits the header line; quotes are honoured on that single line (a header never spans lines in practice).</summary>
    internal static List<string> SplitHeader(string line)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                result.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        result.Add(current.ToString());
        return result;
    }

    public void Dispose()
    {
        Reader.Dispose();
        _text.Dispose();
        _stream.Dispose();
    }
}
