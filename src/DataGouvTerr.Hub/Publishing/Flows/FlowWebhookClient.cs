using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataGouvTerr.Hub.Publishing.Flows;

/// <summary>
/// Announces new products to a member's webhook. The body is signed so the member can check it came from the
/// hub and was not replayed: <c>X-DGT-Signature: sha256=hex(HMAC-SHA256(secret, "{X-DGT-Timestamp}.{body}"))</c>.
/// </summary>
public sealed class FlowWebhookClient(HttpClient http, TimeProvider clock)
{
    public const string SignatureHeader = "X-DGT-Signature";
    public const string TimestampHeader = "X-DGT-Timestamp";

    public async Task PostAsync(FlowWebhookOptions target, string jsonBody, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(jsonBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, "sha256=" + Sign(target.Secret ?? "", timestamp, jsonBody));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
