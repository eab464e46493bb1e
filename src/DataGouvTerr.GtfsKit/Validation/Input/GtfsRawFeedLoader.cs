using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace DataGouvTerr.GtfsKit.Validation.Input;

/// <summary>
/// Reads a GTFS zip or folder for validation and turns every parse problem into a notice instead of an exception:
/// corrupt or unsafe zip (bomb, path traversal), files in subfolders, non-UTF-8 text, wrong delimiter, rows of the
/// wrong length, values with new lines or padding spaces, and stop_times fields that do not parse.
/// </summary>
public sealed class GtfsRawFeedLoader
{
    private const long RatioCheckMinBytes = 1024 * 1024;

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
        var entryNames = new List<string>();
        var tables = new Dictionary<string, GtfsRawTable>(StringComparer.Ordinal);
        IReadOnlyList<string>? stopTimesHeader = null;
        var stopTimes = StopTimesColumns.Empty;

        void ReadEntry(string name, Func<Stream> open, long? length)
        {
            entryNames.Add(name);
            if (!name.EndsWith(".txt", StringComparison.Ordinal))
            {
                return;
            }
            _options.Progress?.Report($"reading {name}");
            try
            {
                using var stream = open();
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
                _notices.Error("invalid_file_encoding", new GtfsNoticeLocation(name),
                    $"{name} is not UTF-8 text ({e.Message.TrimEnd('.')}); GTFS files must be UTF-8. Reading stopped there.");
            }
            catch (ZipBombException e)
            {
                _notices.Error("uncompressed_size_too_large", new GtfsNoticeLocation(name), e.Message);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
            {
                _notices.Error("csv_parsing_failed", new GtfsNoticeLocation(name), $"{name} could not be read: {e.Message}");
            }
        }

        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                ReadEntry(Path.GetFileName(file), () => File.OpenRead(file), null);
            }
            foreach (var sub in Directory.EnumerateDirectories(path))
            {
                if (Directory.EnumerateFiles(sub, "*.txt", SearchOption.AllDirectories).Any())
                {
                    _notices.Error("invalid_input_files_in_subfolder", new GtfsNoticeLocation(Path.GetFileName(sub)),
                        $"Folder '{Path.GetFileName(sub)}' holds .txt files; GTFS files must be at the top of the feed.");
                }
            }
        }
        else if (File.Exists(path))
        {
            ReadZip(path, ReadEntry);
        }
        else
        {
            _notices.Error("i_o_error", new GtfsNoticeLocation(path), $"No file or folder at '{path}'.");
        }

        return new GtfsRawFeed(path, entryNames, tables, stopTimesHeader, stopTimes);
    }

    private void ReadZip(string path, Action<string, Func<Stream>, long?> readEntry)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            _notices.Error("invalid_zip_archive", new GtfsNoticeLocation(Path.GetFileName(path)),
                $"'{Path.GetFileName(path)}' is not a readable zip archive: {e.Message}");
            return;
        }
        using (archive)
        {
            var budget = new ByteBudget(_options.MaxUncompressedBytes);
            var subfolders = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var fullName = entry.FullName.Replace('\\', '/');
                if (fullName.EndsWith('/'))
                {
                    continue;
                }
                if (fullName.StartsWith('/') || fullName.Split('/').Contains("..") || fullName.Contains(':'))
                {
                    _notices.Error("unsafe_zip_entry_name", new GtfsNoticeLocation(fullName),
                        $"Zip entry '{fullName}' points outside the archive (absolute path or '..'); it was not read.");
                    continue;
                }
                if (fullName.Contains('/'))
                {
                    // macOS adds __MACOSX/ resource forks to zips; they are not a publisher mistake worth an error.
                    if (!fullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && fullName.EndsWith(".txt", StringComparison.Ordinal))
                    {
                        subfolders.Add(fullName[..fullName.IndexOf('/')]);
                    }
                    continue;
                }
                if (entry.Length > RatioCheckMinBytes && entry.CompressedLength > 0
                    && (double)entry.Length / entry.CompressedLength > _options.MaxCompressionRatio)
                {
                    _notices.Error("uncompressed_size_too_large", new GtfsNoticeLocation(fullName),
                        $"{fullName} expands {entry.Length / entry.CompressedLength}× ({entry.Length} bytes): a zip bomb, not read.");
                    continue;
                }
                var declared = entry.Length;
                readEntry(fullName, () => new LimitedStream(entry.Open(), declared, budget, fullName), declared);
            }
            foreach (var folder in subfolders)
            {
                _notices.Error("invalid_input_files_in_subfolder", new GtfsNoticeLocation(folder),
                    $"Folder '{folder}' in the zip holds .txt files; GTFS files must be at the root of the archive.");
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
            _notices.Error("empty_file", new GtfsNoticeLocation(fileName), $"{fileName} is empty: it has no header row.");
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
            _notices.Error("empty_file", new GtfsNoticeLocation(fileName), $"{fileName} is empty: it has no header row.");
            return null;
        }
        if (names.Length == 1 && names[0].IndexOfAny([';', '\t', '|']) >= 0)
        {
            var delimiter = names[0].First(c => c is ';' or '\t' or '|');
            _notices.Error("wrong_delimiter", new GtfsNoticeLocation(fileName, 1, null, names[0]),
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
            _notices.Warning("empty_row", new GtfsNoticeLocation(fileName, row.LineNumberFrom), $"{fileName} has an empty line.");
            return false;
        }
        _notices.Error("invalid_row_length", new GtfsNoticeLocation(fileName, row.LineNumberFrom),
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

    /// <summary>Counts uncompressed bytes across all entries of an archive.</summary>
    private sealed class ByteBudget(long limit)
    {
        public long Limit { get; } = limit;

        public long Remaining { get; set; } = limit;
    }

    private sealed class ZipBombException(string message) : Exception(message);

    /// <summary>
    /// Wraps a zip entry stream: the declared size in the zip directory can lie, so what is actually inflated is
    /// counted against the entry's declared length and the archive's budget.
    /// </summary>
    private sealed class LimitedStream(Stream inner, long declaredLength, ByteBudget budget, string name) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            budget.Remaining -= n;
            if (_read > declaredLength)
            {
                throw new ZipBombException($"{name} inflates beyond the {declaredLength} bytes its zip entry declares.");
            }
            if (budget.Remaining < 0)
            {
                throw new ZipBombException($"The archive inflates beyond the {budget.Limit} byte limit at {name}.");
            }
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
