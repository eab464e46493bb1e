using System.Text;
using DataGouvTerr.GtfsKit.Reading;
using nietras.SeparatedValues;

namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// Reads a GTFS zip or folder for validation and turns every parse problem into a notice instead of an exception:
/// corrupt or unsafe zip (bomb, path traversal: <see cref="GtfsSource"/>'s checks and codes), files in subfolders,
/// non-UTF-8 text, wrong delimiter, rows of the wrong length, values with new lines or padding spaces, and
/// stop_times fields that do not parse. Small files are kept as raw text, since rules must quote the value as written.
/// </summary>
public sealed class GtfsRawFeedLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly GtfsValidationOptions _options;
    private readonly GtfsNoticeCollector _notices;

    public GtfsRawFeedLoader(GtfsValidationOptions options, GtfsNoticeCollector notices)
    {
        _options = options;
        _notices = notices;
    }

    public GtfsRawFeed Load(string path)
    {
        var tables = new Dictionary<string, GtfsRawTable>(StringComparer.Ordinal);
        IReadOnlyList<string>? stopTimesHeader = null;
        var stopTimes = StopTimesColumns.Empty;
        var readOptions = new GtfsReadOptions
        {
            MaxUncompressedBytes = _options.MaxUncompressedBytes,
            MaxCompressionRatio = _options.MaxCompressionRatio,
        };

        // Opening, zip safety (bombs, unsafe names, subfolders) are the GtfsKit reader's: one implementation of the limits.
        GtfsSource source;
        try
        {
            source = GtfsSource.Open(path, readOptions);
        }
        catch (GtfsReadException e)
        {
            _notices.Error(e.Code, new GtfsNoticeLocation(Path.GetFileName(path)), e.Message);
            return new GtfsRawFeed(path, [], tables, null, stopTimes);
        }

        using (source)
        {
            foreach (var issue in source.Issues)
            {
                _notices.Add(GtfsReadIssueNotice.From(issue));
            }
            if (Directory.Exists(path))
            {
                ReportSubfolders(path);
            }
            foreach (var name in source.FileNames.Where(n => n.EndsWith(".txt", StringComparison.Ordinal)))
            {
                _options.Progress?.Report($"reading {name}");
                try
                {
                    using var stream = source.OpenFile(name)!;
                    using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true);
                    if (name == GtfsFileNames.StopTimes)
                    {
                        var loaded = new StopTimesLoader(_notices).Load(reader);
                        stopTimesHeader = loaded.Header;
                        stopTimes = loaded.Columns;
                    }
                    else if (ReadTable(name, reader) is { } table)
                    {
                        tables[name] = table;
                    }
                }
                catch (DecoderFallbackException e)
                {
                    _notices.Error(GtfsReadCodes.InvalidCharacter, new GtfsNoticeLocation(name),
                        $"{name} is not UTF-8 text ({e.Message.TrimEnd('.')}); GTFS files must be UTF-8. Reading stopped there.");
                }
                catch (GtfsReadException e)
                {
                    // A zip bomb found while inflating: what was read so far is kept, the rest of the file is not.
                    _notices.Error(e.Code, new GtfsNoticeLocation(name), e.Message);
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
                {
                    _notices.Error(GtfsReadCodes.CsvParsingFailed, new GtfsNoticeLocation(name), $"{name} could not be read: {e.Message}");
                }
            }
            return new GtfsRawFeed(path, source.FileNames, tables, stopTimesHeader, stopTimes);
        }
    }

    private void ReportSubfolders(string folder)
    {
        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (Directory.EnumerateFiles(sub, "*.txt", SearchOption.AllDirectories).Any())
            {
                _notices.Error(GtfsReadCodes.InvalidInputFilesInSubfolder, new GtfsNoticeLocation(Path.GetFileName(sub)),
                    $"Folder '{Path.GetFileName(sub)}' holds .txt files; GTFS files must be at the top of the feed.");
            }
        }
    }

    private GtfsRawTable? ReadTable(string fileName, TextReader text)
    {
        using var reader = OpenCsv(text);
        if (ReadHeader(fileName, reader) is not { } header)
        {
            return null;
        }
        var table = new GtfsRawTable(fileName, header);
        var previous = new string[header.Length];
        Array.Fill(previous, string.Empty);
        foreach (var row in reader)
        {
            if (!CheckRowLength(fileName, row, header.Length))
            {
                continue;
            }
            var values = new string[header.Length];
            for (var c = 0; c < header.Length; c++)
            {
                var span = CheckValue(fileName, row.LineNumberFrom, header[c], row[c].Span);
                // Ids repeat down a column (shape_id over thousands of points): reuse the previous string.
                values[c] = span.Length == 0 ? string.Empty : span.SequenceEqual(previous[c]) ? previous[c] : span.ToString();
            }
            previous = values;
            table.AddRow(row.LineNumberFrom, values);
        }
        return table;
    }

    // The header is read as a row: Sep rejects duplicated column names, which must be a notice here.
    internal static SepReader OpenCsv(TextReader text) =>
        Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);

    /// <summary>
    /// The column names (trimmed), or null when the file has no usable header: empty file, or a single column that
    /// hides another delimiter.
    /// </summary>
    internal string[]? ReadHeader(string fileName, SepReader reader)
    {
        if (!reader.MoveNext())
        {
            _notices.Error(GtfsReadCodes.EmptyFile, new GtfsNoticeLocation(fileName), $"{fileName} is empty: it has no header row.");
            return null;
        }
        var row = reader.Current;
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].Span.Trim().ToString();
        }
        if (names.Length == 1 && names[0].Length == 0)
        {
            _notices.Error(GtfsReadCodes.EmptyFile, new GtfsNoticeLocation(fileName), $"{fileName} is empty: it has no header row.");
            return null;
        }
        if (names.Length == 1 && names[0].IndexOfAny([';', '\t', '|']) >= 0)
        {
            var delimiter = names[0].First(c => c is ';' or '\t' or '|');
            _notices.Error(GtfsReadCodes.WrongDelimiter, new GtfsNoticeLocation(fileName, 1, null, names[0]),
                $"{fileName} is separated by '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}' instead of commas; it cannot be read.");
            return null;
        }
        return names;
    }

    internal bool CheckRowLength(string fileName, SepReader.Row row, int headerCount)
    {
        if (row.ColCount == headerCount)
        {
            return true;
        }
        if (row.ColCount == 1 && row[0].Span.Trim().Length == 0)
        {
            _notices.Warning(GtfsReadCodes.EmptyRow, new GtfsNoticeLocation(fileName, row.LineNumberFrom), $"{fileName} has an empty line.");
            return false;
        }
        _notices.Error(GtfsReadCodes.InvalidRowLength, new GtfsNoticeLocation(fileName, row.LineNumberFrom),
            $"Row has {row.ColCount} values but the header has {headerCount} columns; the row was skipped.");
        return false;
    }

    /// <summary>Reports new lines and padding spaces in a value and returns it trimmed, as the validator reads it.</summary>
    internal ReadOnlySpan<char> CheckValue(string fileName, int rowNumber, string field, ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return value;
        }
        if (value.IndexOfAny('\n', '\r') >= 0)
        {
            _notices.Error("new_line_in_value", new GtfsNoticeLocation(fileName, rowNumber, field, value.ToString()),
                "The value holds a line break.");
        }
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            _notices.Warning("leading_or_trailing_whitespaces", new GtfsNoticeLocation(fileName, rowNumber, field, value.ToString()),
                "The value starts or ends with spaces; they were ignored.");
            return value.Trim();
        }
        return value;
    }
}
