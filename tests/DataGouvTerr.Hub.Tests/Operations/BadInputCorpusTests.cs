using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DataGouvTerr.Hub.Tests.Operations;

/// <summary>
/// The hostile-input corpus of issue 11, sent through Kestrel (real sockets, so chunked framing and size limits are
/// Kestrel's) to every endpoint of the routing table that takes such input, on both stores. The endpoints are read from
/// the app's <see cref="EndpointDataSource"/>, so a new endpoint is covered without touching this test. Promises:
/// no answer is 5xx; an endpoint that reads the bad field answers 4xx with problem details naming the field and the
/// reason; any other 4xx caused by the input is problem details too.
/// </summary>
public sealed class BadInputCorpusTests(ITestOutputHelper output)
{
    /// <summary>The members the corpus is sent as: for each endpoint, the first that the neutral request lets in.</summary>
    private static readonly string[] Callers =
        ["tiers-de-confiance", "metropole-rouen", "scoot-normandie", "velos-rouen", "reseau-astuce-exemple", "agence-urbanisme", "region-normandie", "asso-velo"];

    private const string ScootProvider = "7a3f1c2e-5b8d-4e6f-9a1b-2c3d4e5f6a7b";

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task No_bad_input_is_answered_5xx_and_every_refusal_names_the_field(string provider)
    {
        // HubFactory sets generous rate limits: the corpus is thousands of requests from one address.
        await using var hub = await HubFactory.StartAsync(provider, kestrel: true);
        var tokens = new Dictionary<string, string>();
        foreach (var member in Callers)
        {
            tokens[member] = (await hub.CreateTokenAsync(member)).PlainText;
        }
        using var http = hub.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(60);
        var baseAddress = http.BaseAddress!;

        var targets = Targets(hub.Services);
        var failures = new List<string>();
        var sent = 0;
        var fiveHundreds = 0;
        foreach (var target in targets)
        {
            var caller = await CallerForAsync(http, target, tokens);
            var token = tokens[caller];
            foreach (var bad in Corpus)
            {
                foreach (var request in bad.Requests(target))
                {
                    sent++;
                    var answer = request.Raw is { } raw
                        ? await SendRawAsync(baseAddress, raw(target.Path(RouteValues), token))
                        : await SendAsync(http, request, target, token);
                    var verdict = Judge(answer, bad, request, target);
                    if (answer.Status >= 500)
                    {
                        fiveHundreds++;
                    }
                    if (verdict is not null)
                    {
                        failures.Add($"{target} [{bad.Name}{request.Variant}] as {caller}: {verdict}");
                    }
                }
            }
        }
        output.WriteLine($"{provider}: {Corpus.Count} cases, {targets.Count} endpoints, {sent} requests, {fiveHundreds} answered 5xx, {failures.Count} failures");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        Assert.True(targets.Count > 40, $"only {targets.Count} endpoints found in the routing table");
        Assert.Empty(failures);
    }

    // ---- the corpus -------------------------------------------------------------------------------------------------

    private sealed record BadRequest(string Variant, string? Query = null, Func<Dictionary<string, string>, Dictionary<string, string>>? Route = null,
        byte[]? Body = null, string? ContentType = null, Func<string, string?, (byte[] Head, byte[] Body)>? Raw = null);

    /// <summary>One kind of hostile input: the field it targets and how it is put into a request to one endpoint.</summary>
    private sealed record BadInput(string Name, string Field, Func<Target, IEnumerable<BadRequest>> Requests, Func<Target, bool> MustRefuse);

    private static readonly Lazy<byte[]> FiftyMegabytes = new(() =>
    {
        // A JSON string 50 MB long: well-formed, so only its size is wrong.
        var bytes = new byte[50 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');
        bytes[0] = (byte)'"';
        bytes[^1] = (byte)'"';
        return bytes;
    });

    private static readonly List<BadInput> Corpus =
    [
        QueryCase("bbox NaN", "bbox", "NaN,49.3,1.2,49.5"),
        QueryCase("bbox NaN max", "bbox", "0.9,49.3,1.2,NaN"),
        QueryCase("bbox Infinity", "bbox", "0.9,49.3,Infinity,49.5"),
        QueryCase("bbox -Infinity", "bbox", "-Infinity,49.3,1.2,49.5"),
        QueryCase("time_bin days", "time_bin", "99999999d"),
        QueryCase("time_bin weeks", "time_bin", "2147483647w"),
        QueryCase("from year 1", "from", "0001-01-01T00:00:00Z"),
        QueryCase("to year 1", "to", "0001-01-01T00:00:00Z"),
        QueryCase("from year 9999", "from", "9999-12-31T23:59:59Z"),
        QueryCase("to year 9999", "to", "9999-12-31T23:59:59Z"),
        new("window year 1 to 9999", "from|to", t => [new BadRequest("", Query: "from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z")],
            t => t.Reads("from") || t.Reads("to")),
        QueryCase("page", "page", "2147483647"),
        QueryCase("hours", "hours", "2147483647"),
        QueryCase("limit", "limit", "2147483647"),
        // The largest cursor is a valid one (nothing after it): it must only not break anything.
        new("after", "after", _ => [new BadRequest("", Query: "after=9223372036854775807")], _ => false),
        // A NUL byte in every query value the endpoint reads (and in one it does not: it must still not break anything).
        new("NUL in query values", "query", t => t.QueryParameters.Append("q").Select(p => new BadRequest($" ({p})", Query: p + "=a%00b")),
            _ => false),
        // A NUL byte in each route value (feed ids, device ids, stop ids…).
        new("NUL in path", "path", t => t.RouteParameters.Where(p => !p.Typed).Select(p => new BadRequest($" ({p.Name})",
            Route: values => new Dictionary<string, string>(values) { [p.Name] = "a\0b" })), _ => false),
        new("invalid UTF-8 JSON", "body", t => t.TakesBody
            ? [new BadRequest("", Body: [.. "{\"data\":{\"vehicles\":[{\"device_id\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}]},\"member\":\"\xff\"}"u8], ContentType: "application/json")]
            : [], t => t.TakesBody && t.Route.StartsWith("/mds/agency/", StringComparison.Ordinal) && !t.Route.EndsWith("/reports", StringComparison.Ordinal)),
        new("lying chunked body", "body", t => t.TakesBody ? [new BadRequest("", Raw: LyingChunkedRequest(t.Method))] : [], t => t.TakesBody),
        // Sent on a raw socket: the server may answer 413 before reading it all, which HttpClient reports as a failure.
        new("50 MB body", "body", t => t.TakesBody ? [new BadRequest("", Raw: FiftyMegabyteRequest(t.Method, t.Route.EndsWith("/reports", StringComparison.Ordinal) ? "text/csv" : "application/json"))] : [],
            t => t.TakesBody),
        BodyCase("token expiry centuries away", "expires_at", "/admin/tokens", "{\"member\":\"asso-velo\",\"expires_at\":\"2999-01-01T00:00:00Z\"}"),
        BodyCase("token expiry year 1", "expires_at", "/admin/tokens", "{\"member\":\"asso-velo\",\"expires_at\":\"0001-01-01T00:00:00Z\"}"),
        BodyCase("token expiry year 9999", "expires_at", "/admin/tokens", "{\"member\":\"asso-velo\",\"expires_at\":\"9999-12-31T23:59:59Z\"}"),
        BodyCase("NUL in token label", "label", "/admin/tokens", "{\"member\":\"asso-velo\",\"label\":\"a\\u0000b\"}"),
        BodyCase("NUL in token member", "member", "/admin/tokens", "{\"member\":\"asso\\u0000velo\"}"),
        BodyCase("report duration P99999Y", "duration", "/mds/agency/reports",
            MdsReportsHeader + "\n" + ScootProvider + ",2026-11-01,P99999Y,none,0b3c3fd2-1d07-4f6c-9d6e-5f9a0c9b8e11,scooter,12,10\n", "text/csv"),
        BodyCase("report start date year 9999", "start_date", "/mds/agency/reports",
            MdsReportsHeader + "\n" + ScootProvider + ",9999-12-01,P1M,none,0b3c3fd2-1d07-4f6c-9d6e-5f9a0c9b8e11,scooter,12,10\n", "text/csv"),
    ];

    private const string MdsReportsHeader = "provider_id,start_date,duration,special_group_type,geography_id,vehicle_type,trip_count,rider_count";

    private static BadInput QueryCase(string name, string field, string value) =>
        new(name, field, _ => [new BadRequest("", Query: field + "=" + Uri.EscapeDataString(value))], t => t.Reads(field));

    private static BadInput BodyCase(string name, string field, string route, string body, string contentType = "application/json") =>
        new(name, field, t => t.TakesBody && t.Route == route && t.Method == "POST"
            ? [new BadRequest("", Body: Encoding.UTF8.GetBytes(body), ContentType: contentType)]
            : [], t => t.Route == route && t.Method == "POST");

    private static Func<string, string?, (byte[], byte[])> FiftyMegabyteRequest(string method, string contentType) => (path, token) => (Encoding.ASCII.GetBytes(
        $"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nContent-Length: {FiftyMegabytes.Value.Length}\r\n" +
        (string.IsNullOrEmpty(token) ? "" : $"Authorization: Bearer {token}\r\n") + "Connection: close\r\n\r\n"), FiftyMegabytes.Value);

    /// <summary>A chunk that declares 5 bytes and carries 30, so the chunk's CRLF is not where the size said.</summary>
    private static Func<string, string?, (byte[], byte[])> LyingChunkedRequest(string method) => (path, token) => (Encoding.ASCII.GetBytes(
        $"{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" +
        (token is null ? "" : $"Authorization: Bearer {token}\r\n") + "Connection: close\r\n\r\n" +
        "5\r\n{\"member\":\"asso-velo\",\"x\":1}\r\n0\r\n\r\n"), []);

    // ---- the endpoints ----------------------------------------------------------------------------------------------

    private sealed record RouteParameter(string Name, bool Typed);

    /// <summary>One (method, route) of the routing table and the query parameters it reads.</summary>
    private sealed record Target(string Method, string Route, RoutePattern Pattern, IReadOnlyList<RouteParameter> RouteParameters, IReadOnlyList<string> QueryParameters)
    {
        public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

        public bool Reads(string field) => QueryParameters.Contains(field, StringComparer.Ordinal);

        /// <summary>The route with its parameters filled: valid values by default, or those given.</summary>
        public string Path(Dictionary<string, string> values)
        {
            var path = new StringBuilder();
            foreach (var segment in Pattern.PathSegments)
            {
                path.Append('/');
                foreach (var part in segment.Parts)
                {
                    path.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart parameter => Uri.EscapeDataString(ValueOf(parameter, values)),
                        _ => "",
                    });
                }
            }
            return path.Length == 0 ? "/" : path.ToString();
        }

        private string ValueOf(RoutePatternParameterPart parameter, Dictionary<string, string> values)
        {
            if (values.TryGetValue(parameter.Name, out var given))
            {
                return given;
            }
            var constraint = string.Join(",", parameter.ParameterPolicies.Select(p => p.Content));
            return parameter.Name switch
            {
                "feedId" when Route.StartsWith("/gbfs", StringComparison.Ordinal) => "gbfs-velos",
                "feedId" when Route.StartsWith("/mds", StringComparison.Ordinal) => "mds-scoot",
                "feedId" => "gtfs-reseau",
                "z" => "12",
                "x" => "2060",
                "y" => "1400",
                "documentName" => "v1",
                _ when constraint.Contains("guid", StringComparison.Ordinal) => "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                _ when constraint.Contains("int", StringComparison.Ordinal) || constraint.Contains("long", StringComparison.Ordinal) => "1",
                _ => "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            };
        }

        public override string ToString() => $"{Method} {Route}";
    }

    private static readonly Dictionary<string, string> RouteValues = [];

    private static List<Target> Targets(IServiceProvider services)
    {
        // The query parameters each endpoint reads: those its handler binds (ApiExplorer) and those it declares it
        // reads itself (AcceptsQueryParametersMetadata, e.g. bbox, time_bin, from, to behind the contract's filter).
        var declared = services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .GroupBy(d => (d.HttpMethod ?? "GET", "/" + (d.RelativePath ?? "").Split('?')[0].TrimStart('/')))
            .ToDictionary(g => g.Key, g => g.SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Query).Select(p => p.Name).ToList());
        var targets = new List<Target>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var apiPath = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                RoutePatternLiteralPart l => l.Content,
                RoutePatternSeparatorPart sep => sep.Content,
                RoutePatternParameterPart par => "{" + par.Name + "}",
                _ => "",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var query = new List<string>(declared.GetValueOrDefault((method, apiPath.TrimEnd('/').Length == 0 ? "/" : apiPath.TrimEnd('/'))) ?? []);
                foreach (var accepts in endpoint.Metadata.GetOrderedMetadata<DataGouvTerr.Hub.Operations.AcceptsQueryParametersMetadata>())
                {
                    query.AddRange(accepts.Names);
                }
                var routeParameters = endpoint.RoutePattern.Parameters
                    .Select(p => new RouteParameter(p.Name, p.ParameterPolicies.Count > 0)).ToList();
                targets.Add(new Target(method, raw, endpoint.RoutePattern, routeParameters, query.Distinct().ToList()));
            }
        }
        return targets.DistinctBy(t => t.ToString()).OrderBy(t => t.Route, StringComparer.Ordinal).ThenBy(t => t.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>The first member whose neutral request is not refused for who it is (401/403), else the administrator.</summary>
    private static async Task<string> CallerForAsync(HttpClient http, Target target, Dictionary<string, string> tokens)
    {
        foreach (var member in Callers)
        {
            using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path(RouteValues));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[member]);
            if (target.TakesBody)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }
            using var response = await http.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                return member;
            }
        }
        return Callers[0];
    }

    // ---- sending and judging ----------------------------------------------------------------------------------------

    private sealed record Answer(int Status, string? ContentType, string Body, string? Error = null);

    private static async Task<Answer> SendAsync(HttpClient http, BadRequest bad, Target target, string token)
    {
        var path = target.Path(bad.Route?.Invoke(RouteValues) ?? RouteValues);
        using var request = new HttpRequestMessage(new HttpMethod(target.Method), bad.Query is null ? path : path + "?" + bad.Query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType ?? "application/json");
        }
        else if (target.TakesBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        try
        {
            using var response = await http.SendAsync(request);
            return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            return new Answer(0, null, "", ex.Message);
        }
    }

    /// <summary>
    /// Writes the bytes on a socket as they are (no client fixes the framing), the body while reading the answer (a
    /// server may answer before reading it all), and reads the answer until the server closes.
    /// </summary>
    private static async Task<Answer> SendRawAsync(Uri baseAddress, (byte[] Head, byte[] Body) bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes.Head);
        var writing = Task.Run(async () =>
        {
            try
            {
                for (var offset = 0; offset < bytes.Body.Length; offset += 1 << 16)
                {
                    await stream.WriteAsync(bytes.Body.AsMemory(offset, Math.Min(1 << 16, bytes.Body.Length - offset)));
                }
            }
            catch (IOException)
            {
                // The server answered and closed before the whole body was sent.
            }
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, n);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The server closed or reset after answering: what was received is the answer.
        }
        client.Close();
        await writing;
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        var headers = head.Split("\r\n");
        string? Header(string name) => headers.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Trim();
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = Dechunk(body);
        }
        var statusLine = headers[0].Split(' ');
        return statusLine.Length > 1 && int.TryParse(statusLine[1], out var status)
            ? new Answer(status, Header("Content-Type")?.Split(';')[0], body)
            : new Answer(0, null, "", "no HTTP answer: " + Shorten(text));
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < chunked.Length)
        {
            var end = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(chunked[at..end].Split(';')[0], System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }
            result.Append(chunked.AsSpan(end + 2, Math.Min(size, chunked.Length - end - 2)));
            at = end + 2 + size + 2;
        }
        return result.ToString();
    }

    /// <summary>Null when the answer keeps the promises, else why not.</summary>
    private static string? Judge(Answer answer, BadInput bad, BadRequest request, Target target)
    {
        if (answer.Status == 0)
        {
            return "no answer: " + answer.Error;
        }
        if (answer.Status >= 500)
        {
            return $"{answer.Status}: {Shorten(answer.Body)}";
        }
        var mustRefuse = bad.MustRefuse(target);
        if (bad.Name == "NUL in path" && answer.Status == 400 && answer.Body.Length == 0)
        {
            // Kestrel itself refuses a request target whose decoded path holds a NUL, before the app sees it: no
            // handler runs, so there is no problem details to give (NulByteGuard covers hosts that pass it through).
            return null;
        }
        if (mustRefuse && answer.Status < 400)
        {
            return $"{answer.Status}: accepted, expected 4xx naming '{bad.Field}'";
        }
        if (answer.Status < 400 || answer.Status is 401 or 403 or 404 or 405 or 406 or 410 || answer.Status == 409 && !mustRefuse)
        {
            return null;
        }
        if (answer.Status == 415 && (answer.ContentType ?? "").Contains("json", StringComparison.Ordinal))
        {
            // Refused for its media type before the body was read: a right answer for another field (Content-Type).
            return null;
        }
        if (!(answer.ContentType ?? "").Contains("json", StringComparison.Ordinal))
        {
            return $"{answer.Status} without problem details ({answer.ContentType}): {Shorten(answer.Body)}";
        }
        if (mustRefuse && !bad.Field.Split('|').Any(field => NamesField(answer.Body, field)))
        {
            return $"{answer.Status} does not name '{bad.Field}' with a reason: {Shorten(answer.Body)}";
        }
        _ = request;
        return null;
    }

    /// <summary>Problem details naming the field (field extension, errors key, or bad_param of an MDS answer) and a reason.</summary>
    private static bool NamesField(string body, string field)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            var hasReason = root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }
                || root.TryGetProperty("failures", out _);
            var named = root.TryGetProperty("field", out var f) && f.GetString() == field
                || root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(field, out _)
                || body.Contains($"\"{field}\"", StringComparison.Ordinal);
            return hasReason && named;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
