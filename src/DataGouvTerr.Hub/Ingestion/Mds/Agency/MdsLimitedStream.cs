namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// A read-only view of the request body that fails once more than the limit has been read, so the JSON parser can
/// read the body directly and an oversized one is refused (413) without being held in memory whole.
/// </summary>
public sealed class MdsLimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    /// <summary>Thrown when the body passes the limit; the reader turns it into a 413 problem.</summary>
    public sealed class LimitExceededException() : IOException("The request body exceeds the limit.");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new LimitExceededException() : read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
