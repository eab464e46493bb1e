using System.CommandLine;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>
/// <c>audit check-receipt</c>: what a member runs, against the hub over HTTP (no database), to hold the hub to its log.
/// It checks every head it holds is signed by the log's key, that the hub's latest head extends each of them
/// (consistency proof: the log was neither cut short nor rewritten), and that every entry it was given is still in the
/// log unchanged (inclusion proof). On success the receipt file is rewritten with the latest head; on failure it is left
/// as it was (it is the evidence) and the verb exits 1.
/// </summary>
internal sealed class AuditCheckReceiptCommand(AuditReceiptHttp transport) : ICliCommand
{
    public bool UsesStore => false;

    public Command Build()
    {
        var hub = new Option<string?>("--hub") { Description = "The hub's base URL (saved in the receipt after the first check)." };
        var token = new Option<string?>("--token") { Description = "The member's API token (default: the DGT_TOKEN environment variable)." };
        var receipt = new Option<FileInfo>("--receipt") { Description = "The receipt file (JSON): created on first use, updated after each successful check.", Required = true };
        var heads = new Option<string[]>("--head") { Description = "An X-Audit-Tree-Head value received (repeatable).", AllowMultipleArgumentsPerToken = false };
        var entries = new Option<string[]>("--entry") { Description = "An X-Audit-Entry value received, {id}.{leaf hash} (repeatable)." };
        var key = new Option<FileInfo?>("--key") { Description = "The log's public key (PEM), as published at GET /audit/key. Default: the key saved in the receipt, else fetched and pinned (trust on first use)." };
        var check = new Command("check-receipt", "Check, as a member, that the audit log only grew since your receipt and still holds the entries you were given.")
        {
            hub, token, receipt, heads, entries, key,
        };
        check.SetAction(async (parse, ct) =>
        {
            try
            {
                return await RunAsync(parse.GetValue(hub), parse.GetValue(token) ?? Environment.GetEnvironmentVariable("DGT_TOKEN"),
                    parse.GetValue(receipt)!, parse.GetValue(heads) ?? [], parse.GetValue(entries) ?? [], parse.GetValue(key), ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or IOException or ReceiptUsageException or CryptographicException)
            {
                Console.Error.WriteLine($"check-receipt: {ex.Message}");
                return 2;
            }
        });
        return new Command("audit", "Check the audit transparency log.") { check };
    }

    private async Task<int> RunAsync(string? hubUrl, string? token, FileInfo receiptFile, string[] newHeads, string[] newEntries, FileInfo? keyFile, CancellationToken ct)
    {
        var saved = receiptFile.Exists ? JsonNode.Parse(await File.ReadAllTextAsync(receiptFile.FullName, ct))?.AsObject() ?? [] : [];
        hubUrl ??= (string?)saved["hub"] ?? throw new ReceiptUsageException("--hub is required (the receipt does not name the hub yet).");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ReceiptUsageException("--token (or DGT_TOKEN) is required: proofs are read with the member's token.");
        }
        using var http = transport.Handler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        http.BaseAddress = new Uri(hubUrl.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var failures = new List<string>();
        using var publicKey = ECDsa.Create();
        var savedKey = (string?)saved["public_key_pem"];
        string keyPem;
        if (keyFile is not null)
        {
            keyPem = await File.ReadAllTextAsync(keyFile.FullName, ct);
            if (savedKey is not null && Normalize(savedKey) != Normalize(keyPem))
            {
                failures.Add("the key given with --key is not the key this receipt was pinned to: the log's key changed.");
            }
        }
        else if (savedKey is not null)
        {
            keyPem = savedKey;
        }
        else
        {
            var published = await GetJsonAsync(http, "audit/key", ct);
            keyPem = published.GetProperty("public_key_pem").GetString()!;
            Console.WriteLine($"Trusting the key the hub publishes now (key id {published.GetProperty("key_id").GetString()}): it is pinned in the receipt from now on.");
        }
        publicKey.ImportFromPem(keyPem);

        var held = new List<SignedTreeHead>();
        foreach (var text in new[] { (string?)saved["head"] }.Concat(newHeads).OfType<string>())
        {
            if (!SignedTreeHead.TryParse(text, out var head))
            {
                throw new ReceiptUsageException($"'{text}' is not an {SignedTreeHead.HeaderName} value (v1.size.time.root.signature).");
            }
            if (!TreeHeadSigner.Verify(publicKey, head))
            {
                failures.Add($"the head of size {head.TreeSize} you hold is not signed by the log's key.");
                continue;
            }
            held.Add(head);
        }
        var entries = (saved["entries"]?.AsArray().Select(e => (string)e!) ?? []).Concat(newEntries).Distinct().ToList();
        var parsedEntries = entries.Select(ParseEntry).ToList();

        var (latestJson, refusal) = await GetProofAsync(http, "audit/proofs", ct);
        if (refusal is not null)
        {
            failures.Add(refusal);
            return Report(failures, receiptFile, null);
        }
        if (!SignedTreeHead.TryParse(latestJson.GetProperty("tree_head").GetProperty("compact").GetString(), out var latest) || !TreeHeadSigner.Verify(publicKey, latest))
        {
            failures.Add("the hub's latest tree head is not signed by the log's key.");
            return Report(failures, receiptFile, null);
        }
        Console.WriteLine($"Latest head: {latest.TreeSize} entries, signed {DateTimeOffset.FromUnixTimeMilliseconds(latest.TimestampMs):O}, root {latest.RootHex}.");

        foreach (var head in held)
        {
            if (head.TreeSize > latest.TreeSize)
            {
                failures.Add($"the hub signed a head of {head.TreeSize} entries but its log now holds {latest.TreeSize}: the log was cut short.");
                continue;
            }
            var (proof, refused) = await GetProofAsync(http, $"audit/proofs?tree_size={latest.TreeSize}&from_size={head.TreeSize}", ct);
            if (refused is not null)
            {
                failures.Add(refused);
                continue;
            }
            var path = Hashes(proof.GetProperty("consistency").GetProperty("path"));
            if (!MerkleTree.VerifyConsistency(head.TreeSize, latest.TreeSize, head.RootHash, latest.RootHash, path))
            {
                failures.Add($"the log of {latest.TreeSize} entries does not extend the head of {head.TreeSize} entries you hold: the log was rewritten.");
            }
            else
            {
                Console.WriteLine($"OK   the log only grew since your head of {head.TreeSize} entries (consistency proof, {path.Count} hashes).");
            }
        }
        foreach (var (id, leaf) in parsedEntries)
        {
            if (id > latest.TreeSize)
            {
                failures.Add($"entry {id} you were given is beyond the log's {latest.TreeSize} entries: the log was cut short.");
                continue;
            }
            var (proof, refused) = await GetProofAsync(http, $"audit/proofs?tree_size={latest.TreeSize}&entry={id}", ct);
            if (refused is not null)
            {
                failures.Add($"the hub will not prove entry {id} any more ({refused}): it was altered or removed.");
                continue;
            }
            var path = Hashes(proof.GetProperty("inclusion").GetProperty("path"));
            if (!MerkleTree.VerifyInclusion(id - 1, latest.TreeSize, leaf, path, latest.RootHash))
            {
                failures.Add($"entry {id} is no longer in the log as you were given it: it was altered or removed.");
            }
            else
            {
                Console.WriteLine($"OK   entry {id} is in the log unchanged (inclusion proof, {path.Count} hashes).");
            }
        }
        var updated = new JsonObject
        {
            ["hub"] = hubUrl,
            ["public_key_pem"] = keyPem,
            ["head"] = latest.ToCompact(),
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)e!)]),
        };
        return Report(failures, receiptFile, updated);
    }

    private static int Report(List<string> failures, FileInfo receiptFile, JsonObject? updated)
    {
        if (failures.Count > 0)
        {
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"FAIL {failure}");
            }
            Console.Error.WriteLine($"The receipt {receiptFile.FullName} is left unchanged: keep it, it is your evidence.");
            return 1;
        }
        File.WriteAllText(receiptFile.FullName, updated!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Receipt holds: saved the latest head in {receiptFile.FullName}.");
        return 0;
    }

    private static (long Id, byte[] Leaf) ParseEntry(string text)
    {
        var parts = text.Trim().Split('.');
        if (parts.Length == 2 && long.TryParse(parts[0], out var id) && id >= 1 && parts[1].Length == 2 * MerkleTree.HashSize)
        {
            try
            {
                return (id, Convert.FromHexString(parts[1]));
            }
            catch (FormatException)
            {
                // reported below
            }
        }
        throw new ReceiptUsageException($"'{text}' is not an {AuditReceipt.EntryHeaderName} value ({{id}}.{{leaf hash hex}}).");
    }

    private static List<byte[]> Hashes(JsonElement array) => array.EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToList();

    private static string Normalize(string pem) => string.Concat(pem.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// A proof, or why the hub refused it: a refusal is a verdict (the hub will not back what it signed), not a usage
    /// error. A 503 means the hub cannot write its audit log: after tampering it stops answering rather than sign over it.
    /// </summary>
    private static async Task<(JsonElement Proof, string? Refusal)> GetProofAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return (JsonDocument.Parse(body).RootElement.Clone(), null);
        }
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new HttpRequestException($"GET /{path} answered 401: the token is not accepted: {body}");
        }
        var detail = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            && JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : body;
        return (default, response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable
            ? $"the hub refuses to answer: {detail} (its audit log is damaged or unavailable; nothing can be proven now)"
            : $"GET /{path} answered {(int)response.StatusCode}: {detail}");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET /{path} answered {(int)response.StatusCode}: {body}");
        }
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>How <c>check-receipt</c> reaches the hub: the network by default; tests plug in the in-process server's handler.</summary>
internal sealed class AuditReceiptHttp
{
    public HttpMessageHandler? Handler { get; set; }
}

/// <summary>The verb was called wrongly (missing option, malformed header value): exit 2, not a tampering verdict.</summary>
internal sealed class ReceiptUsageException(string message) : Exception(message);
