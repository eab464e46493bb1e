using System.IO.Compression;

namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>
/// The files of a feed, from a zip or a folder. Only root-level entries are GTFS files. Entries are never extracted
/// to disk, so an entry name like "../x" cannot escape anywhere; it is still reported (unsafe_entry_name) and ignored.
/// Zip bomb guards: declared sizes and ratios are checked up front, and inflated bytes are counted while reading
/// because declared sizes can lie.
/// </summary>
public sealed class GtfsSource : IDisposable
{
    private const long RatioCheckThresholdBytes = 1024 * 1024;
    private readonly ZipArchive? _zip;
    private readonly FileStream? _zipStream;
    private readonly string? _folder;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly GtfsReadOptions _options;
    private readonly List<GtfsReadIssue> _issues = [];
    private long _inflatedBytes;

    private GtfsSource(string path, GtfsReadOptions options)
    {
        _options = options;
        if (Directory.Exists(path))
        {
            _folder = path;
            FileNames = Directory.EnumerateFiles(path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            return;
        }

        if (!File.Exists(path))
        {
            throw new GtfsReadException(GtfsReadCodes.SourceNotFound, $"GTFS source '{path}' is neither a file nor a folder.");
        }

        try
        {
            _zipStream = File.OpenRead(path);
            _zip = new ZipArchive(_zipStream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            _zipStream?.Dispose();
            throw new GtfsReadException(GtfsReadCodes.CorruptZip, $"'{Path.GetFileName(path)}' is not a readable zip archive: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            _zipStream?.Dispose();
            throw new GtfsReadException(GtfsReadCodes.IoError, $"Cannot read '{path}': {ex.Message}", ex);
        }

        var names = new List<string>();
        long declaredTotal = 0;
        foreach (var entry in _zip.Entries)
        {
            var name = entry.FullName;
            if (name.EndsWith('/'))
            {
                continue; // a directory entry
            }

            if (IsUnsafe(name))
            {
                _issues.Add(new GtfsReadIssue(GtfsReadCodes.UnsafeEntryName, GtfsIssueSeverity.Error, name, 0, null, name,
                    $"Zip entry name '{name}' is absolute or climbs out of the archive; ignored."));
                continue;
            }

            if (name.Contains('/') || name.Contains('\\'))
            {
                _issues.Add(new GtfsReadIssue(GtfsReadCodes.InvalidInputFilesInSubfolder, GtfsIssueSeverity.Error, name, 0, null, name,
                    $"'{name}' is in a subfolder; GTFS files must be at the root of the zip. Ignored."));
                continue;
            }

            declaredTotal += entry.Length;
            if (entry.Length > RatioCheckThresholdBytes && entry.CompressedLength > 0
                && (double)entry.Length / entry.CompressedLength > options.MaxCompressionRatio)
            {
                throw new GtfsReadException(GtfsReadCodes.CompressionRatioLimit,
                    $"Zip entry '{name}' expands {entry.Length / (double)entry.CompressedLength:F0} times (limit {options.MaxCompressionRatio}): refused as a possible zip bomb.");
            }

            _entries[name] = entry;
            names.Add(name);
        }

        if (declaredTotal > options.MaxUncompressedBytes)
        {
            throw new GtfsReadException(GtfsReadCodes.UncompressedSizeLimit,
                $"The zip declares {declaredTotal} uncompressed bytes (limit {options.MaxUncompressedBytes}): refused as a possible zip bomb.");
        }

        names.Sort(StringComparer.Ordinal);
        FileNames = names;
    }

    /// <summary>Opens a zip file or a folder; throws <see cref="GtfsReadException"/> when neither can be read.</summary>
    public static GtfsSource Open(string path, GtfsReadOptions? options = null) => new(path, options ?? GtfsReadOptions.Default);

    /// <summary>Names of the root-level files (all of them, not only GTFS ones: the validator reports unknown files).</summary>
    public IReadOnlyList<string> FileNames { get; }

    /// <summary>Issues met while listing the source (unsafe or nested entries).</summary>
    public IReadOnlyList<GtfsReadIssue> Issues => _issues;

    public bool Contains(string fileName) => FileNames.Contains(fileName, StringComparer.Ordinal);

    /// <summary>A stream over one root-level file, or null when absent. Reading past the limits throws <see cref="GtfsReadException"/>.</summary>
    public Stream? OpenFile(string fileName)
    {
        if (_folder is not null)
        {
            var path = Path.Combine(_folder, fileName);
            return Contains(fileName) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) : null;
        }

        if (!_entries.TryGetValue(fileName, out var entry))
        {
            return null;
        }

        try
        {
            return new InflateGuardStream(entry.Open(), this, fileName, entry.Length);
        }
        catch (InvalidDataException ex)
        {
            throw new GtfsReadException(GtfsReadCodes.CorruptZip, $"Zip entry '{fileName}' cannot be inflated: {ex.Message}", ex);
        }
    }

    /// <summary>Uncompressed size of a root-level file in bytes (declared by the zip, so only an estimate), 0 when absent.</summary>
    public long DeclaredLength(string fileName)
    {
        if (_folder is not null)
        {
            return Contains(fileName) ? new FileInfo(Path.Combine(_folder, fileName)).Length : 0;
        }

        return _entries.TryGetValue(fileName, out var entry) ? entry.Length : 0;
    }

    public void Dispose()
    {
        _zip?.Dispose();
        _zipStream?.Dispose();
    }

    private static bool IsUnsafe(string name) =>
        name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':')
        || name.Split('/', '\\').Any(part => part == "..");

    private void CountInflated(string fileName, long declaredLength, long entryBytes, int justRead)
    {
        _inflatedBytes += justRead;
        if (_inflatedBytes > _options.MaxUncompressedBytes)
        {
            throw new GtfsReadException(GtfsReadCodes.UncompressedSizeLimit,
                $"Inflating '{fileName}' went past {_options.MaxUncompressedBytes} bytes in total: stopped as a possible zip bomb.");
        }

        // A deflate stream yielding more than the central directory declared means a forged header.
        if (entryBytes > declaredLength + 1)
        {
            throw new GtfsReadException(GtfsReadCodes.UncompressedSizeLimit,
                $"Zip entry '{fileName}' inflates to more than its declared {declaredLength} bytes: stopped as a possible zip bomb.");
        }
    }

    /// <summary>Counts inflated bytes of one entry and stops at the limits; turns inflate errors into typed errors.</summary>
    private sealed class InflateGuardStream(Stream inner, GtfsSource owner, string fileName, long declaredLength) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw new GtfsReadException(GtfsReadCodes.CorruptZip, $"Zip entry '{fileName}' is corrupt: {ex.Message}", ex);
            }

            _read += n;
            owner.CountInflated(fileName, declaredLength, _read, n);
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
