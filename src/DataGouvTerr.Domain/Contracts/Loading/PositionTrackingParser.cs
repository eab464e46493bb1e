using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// Wraps YamlDotNet's parser to remember where the last good event ended. Some malformed inputs (e.g. an unclosed
/// flow list such as <c>[aom</c> followed by more lines) make YamlDotNet 18 throw InvalidOperationException without
/// a position; the remembered mark still lets the author find the spot.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    /// <summary>End of the last event read successfully; the start of the file before any.</summary>
    public Mark LastGood { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (inner.Current is { } current)
        {
            LastGood = current.End;
        }
        return inner.MoveNext();
    }
}
