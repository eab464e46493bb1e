using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Declares the member token in the OpenAPI document: a <c>bearer</c> HTTP security scheme, required by every
/// operation whose endpoint needs a token (authorization metadata, not anonymous), which also documents its 401 and
/// 403. Client generators and the API reference's "Authorize" box need both. The protected endpoints are read from
/// the routing table itself, so a new endpoint is covered by its own <c>RequireAuthorization</c>.
/// </summary>
internal sealed partial class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "opaque member token",
            Description = "Member token issued by the administrator (`token create --member ID` or POST /admin/tokens), sent as `Authorization: Bearer <token>`.",
        };

        var protectedOperations = ProtectedOperations(context.ApplicationServices.GetRequiredService<EndpointDataSource>());
        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is null)
            {
                continue;
            }
            foreach (var (method, operation) in item.Operations)
            {
                if (!protectedOperations.Contains((path, method.ToString().ToUpperInvariant())))
                {
                    continue;
                }
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] });
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or a token that is unknown, malformed, expired or revoked (problem details say which)." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The mobility contract does not grant this to the member (problem details give the reason and code)." });
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>(OpenAPI path, HTTP method) of every endpoint that requires authorization and does not allow anonymous calls.</summary>
    internal static HashSet<(string Path, string Method)> ProtectedOperations(EndpointDataSource endpoints)
    {
        var result = new HashSet<(string, string)>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }
            // "/gtfs/feeds/{feedId}/versions/{id:long}/report.json" is written "/gtfs/feeds/{feedId}/versions/{id}/report.json".
            var path = "/" + RouteConstraint().Replace(endpoint.RoutePattern.RawText ?? "", "{$1}").Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                result.Add((path, method.ToUpperInvariant()));
            }
        }
        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^}:=?]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();
}

/// <summary>
/// Gives the product endpoints, which return files built by hand (CSV, GeoJSON, vector tiles, HTML), a response
/// content type and schema by their path, so a client generator knows what it gets. Explicit <c>Produces</c>
/// metadata on an endpoint wins: only a 200 response without content is filled.
/// </summary>
internal sealed class ProductResponseSchemas : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Description.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }
        var path = "/" + (context.Description.RelativePath ?? "").Split('?')[0].Trim('/');
        var content = ContentFor(path);
        if (content is null)
        {
            return Task.CompletedTask;
        }
        DescribeFormat(operation, path);
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("200", out var existing) && existing.Content is { Count: > 0 })
        {
            return Task.CompletedTask;
        }
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } d && d != "OK" ? d : "The product, as the mobility contract grants it to the caller.",
            Content = content,
        };
        return Task.CompletedTask;
    }

    /// <summary>The <c>format</c> parameter of a product endpoint, with the values it answers (the first is the default).</summary>
    private static void DescribeFormat(OpenApiOperation operation, string path)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "format") is not { } parameter)
        {
            return;
        }
        var values = FormatsOf(path);
        parameter.Description = "Download format (default first): csv-excel-fr = CSV for French Excel (';', decimal comma, UTF-8 with BOM, "
            + "dd/MM/yyyy dates, commune names beside codes); xlsx = workbook with an 'À propos' sheet; gpkg = OGC GeoPackage 1.3.";
        parameter.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)!)],
            Default = System.Text.Json.Nodes.JsonValue.Create(values[0]),
        };
    }

    private static string[] FormatsOf(string path) =>
        path.EndsWith(".csv", StringComparison.Ordinal) ? Publishing.Downloads.DownloadFormat.Table
        : path.EndsWith(".geojson", StringComparison.Ordinal) ? Publishing.Downloads.DownloadFormat.Spatial
        : ["geojson", "csv", "csv-excel-fr", "xlsx", "gpkg"];

    /// <summary>The media types and schemas of a product path, or null when the path is not a product.</summary>
    internal static Dictionary<string, OpenApiMediaType>? ContentFor(string path)
    {
        if (path == "/products")
        {
            return Media("application/json", ProductListing());
        }
        var isProduct = path.StartsWith("/products/", StringComparison.Ordinal) || path.StartsWith("/stop-maps/", StringComparison.Ordinal)
            || path.StartsWith("/tiles/", StringComparison.Ordinal) || path.StartsWith("/gtfs/feeds/", StringComparison.Ordinal)
            || path.StartsWith("/gbfs/availability", StringComparison.Ordinal);
        if (!isProduct)
        {
            return null;
        }
        if (path.EndsWith(".csv", StringComparison.Ordinal))
        {
            var csv = Media("text/csv", new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "UTF-8 CSV with a header row; suppressed counts are empty with suppressed=true, never 0. "
                    + "format=csv-excel-fr: ';' separator, decimal comma, UTF-8 with BOM, French dates, commune names beside codes.",
            });
            csv[Publishing.Downloads.DownloadFormat.ContentType(Publishing.Downloads.DownloadFormat.Xlsx)] =
                new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "format=xlsx: sheets 'Données' and 'À propos'." } };
            return csv;
        }
        if (path.EndsWith(".mvt", StringComparison.Ordinal))
        {
            return Media("application/vnd.mapbox-vector-tile", new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" });
        }
        if (path.EndsWith(".html", StringComparison.Ordinal))
        {
            return Media("text/html", new OpenApiSchema { Type = JsonSchemaType.String });
        }
        if (path.EndsWith(".geojson", StringComparison.Ordinal) || path == "/stop-maps/stops")
        {
            var spatial = Media("application/geo+json", FeatureCollection());
            spatial[Publishing.Downloads.DownloadFormat.ContentType(Publishing.Downloads.DownloadFormat.GeoPackage)] =
                new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "format=gpkg: OGC GeoPackage 1.3 (WGS 84) with an 'a_propos' table." } };
            return spatial;
        }
        return Media("application/json", new OpenApiSchema { Type = JsonSchemaType.Object, Description = "JSON document (see the endpoint's summary)." });
    }

    private static Dictionary<string, OpenApiMediaType> Media(string type, OpenApiSchema schema) =>
        new() { [type] = new OpenApiMediaType { Schema = schema } };

    private static OpenApiSchema Str(string? description = null) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema FeatureCollection() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "GeoJSON FeatureCollection (RFC 7946, WGS 84); each feature's properties carry the counts and their suppression flags.",
        Required = new HashSet<string> { "type", "features" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Str("Always \"FeatureCollection\"."),
            ["features"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "type", "geometry", "properties" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = Str("Always \"Feature\"."),
                        ["geometry"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "GeoJSON geometry." },
                        ["properties"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                    },
                },
            },
        },
    };

    private static OpenApiSchema ProductListing() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "member", "contract_version", "products" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["member"] = Str("The caller's member id."),
            ["contract_version"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["products"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Every product the member holds a right to now.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "product", "formats" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["product"] = Str("Product id (od-flows, first-last-mile, availability, indicators, stop-maps, feed-reports)."),
                        ["min_count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "k: counts below it are suppressed." },
                        ["resolution"] = Str("Grid, zoning or stop resolution."),
                        ["time_bin"] = Str("ISO 8601 duration of a bin."),
                        ["scope"] = Str("The area the right covers."),
                        ["delay"] = Str("ISO 8601 embargo before data is served."),
                        ["formats"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Str("Path of one format of the product."), Description = "Where to read it." },
                    },
                },
            },
        },
    };
}
