using DataGouvTerr.Hub.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>
/// The hub's own witness: the latest signed tree head it handed out, kept in a file beside the key, outside the database.
/// A log cut short (newest rows deleted with their heads) still passes every signature check; compared with this
/// head, <c>audit verify</c> sees it is shorter than what was signed. Rewritten at most every
/// <see cref="AuditSigningOptions.CheckpointEverySeconds"/>, never with a smaller head (several processes may share it).
/// </summary>
public sealed class AuditCheckpoint(IOptions<AuditSigningOptions> options, IOptions<StoreOptions> store, TimeProvider clock, ILogger<AuditCheckpoint> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

    public string FilePath { get; } = Path.GetFullPath(options.Value.CheckpointFile ?? Path.Combine(store.Value.DataDirectory, "audit-checkpoint"));

    /// <summary>Writes <paramref name="head"/> when the interval has passed; a failure is logged, not thrown (the entry is already stored).</summary>
    public void Offer(SignedTreeHead head)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now - _lastWrite < TimeSpan.FromSeconds(options.Value.CheckpointEverySeconds))
            {
                return;
            }
            try
            {
                if (Read() is { } current && current.TreeSize >= head.TreeSize)
                {
                    _lastWrite = now;
                    return;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                var temp = $"{FilePath}.{Environment.ProcessId}.tmp";
                File.WriteAllText(temp, head.ToCompact() + "\n");
                File.Move(temp, FilePath, overwrite: true);
                _lastWrite = now;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "Could not write the audit checkpoint {Path}", FilePath);
            }
        }
    }

    /// <summary>The head in the file, or null when there is none yet or it cannot be read (then <c>audit verify</c> says so).</summary>
    public SignedTreeHead? ReadOrNull()
    {
        try
        {
            return Read();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The head in the file, or null when there is none yet; an unreadable file is reported by <c>audit verify</c>.</summary>
    public SignedTreeHead? Read()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }
        var text = File.ReadAllText(FilePath);
        return SignedTreeHead.TryParse(text, out var head) ? head : throw new InvalidDataException($"{FilePath} does not hold a tree head.");
    }
}
