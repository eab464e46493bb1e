namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>
/// The feed as a whole cannot be read: not found, corrupt zip, zip bomb limits exceeded, I/O failure.
/// Row-level problems never throw; they are <see cref="GtfsReadIssue"/>s.
/// </summary>
public sealed class GtfsReadException : Exception
{
    public GtfsReadException()
    {
        Code = GtfsReadCodes.IoError;
    }

    public GtfsReadException(string message)
        : base(message)
    {
        Code = GtfsReadCodes.IoError;
    }

    public GtfsReadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = GtfsReadCodes.IoError;
    }

    public GtfsReadException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>One of the fatal codes of <see cref="GtfsReadCodes"/>.</summary>
    public string Code { get; }
}
