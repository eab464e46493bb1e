using System.Text.Json;

namespace DataGouvTerr.Hub.Ingestion.Mds.Agency;

/// <summary>
/// Reads a bulk request body within the size limit and parses it as a non-empty JSON array. Every way a body can
/// be wrong (too big, not JSON, not an array, empty, too many items) becomes a 4xx problem, never a 500.
/// </summary>
public static class MdsBodyReader
{
    public sealed record Outcome(JsonDocument? Document, IResult? Problem);

    public static async Task<Outcome> ReadArrayAsync(HttpRequest request, MdsOptions options, CancellationToken ct)
    {
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return TooLarge(options, request.ContentLength.Value);
        }
        // Parsed straight from the request stream; the limit is enforced while reading, so a body without (or with
        // a lying) Content-Length is cut off at the limit instead of being buffered whole.
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(new MdsLimitedStream(request.Body, options.MaxBodyBytes),
                new JsonDocumentOptions { MaxDepth = 32 }, ct);
        }
        catch (MdsLimitedStream.LimitExceededException)
        {
            return TooLarge(options, null);
        }
        catch (JsonException e)
        {
            return new(null, MdsProblems.Problem(400, "Malformed JSON", "body",
                $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): {FirstSentence(e.Message)}"));
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            var kind = root.ValueKind.ToString().ToLowerInvariant();
            document.Dispose();
            return new(null, MdsProblems.Problem(400, "Not an array", "body", $"The body must be a JSON array of items, not a {kind}."));
        }
        var count = root.GetArrayLength();
        if (count == 0)
        {
            document.Dispose();
            return new(null, MdsProblems.Problem(400, "Empty batch", "body", "The array must hold at least one item (minItems: 1)."));
        }
        if (count > options.MaxItemsPerRequest)
        {
            document.Dispose();
            return new(null, MdsProblems.Problem(413, "Too many items", "body",
                $"{count} items in one request; send at most {options.MaxItemsPerRequest} per request."));
        }
        return new(document, null);
    }

    private static Outcome TooLarge(MdsOptions options, long? length) =>
        new(null, MdsProblems.Problem(413, "Body too large", "body",
            $"The body{(length is null ? "" : $" ({length} bytes)")} exceeds the limit of {options.MaxBodyBytes} bytes; split it into smaller batches."));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
