namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Names the query parameters an endpoint reads itself from <c>HttpContext.Request.Query</c> (not bound by its
/// handler's signature, so invisible to ApiExplorer): the bad-input corpus test sends hostile values to exactly these
/// and expects a 4xx naming the parameter.
/// </summary>
public sealed class AcceptsQueryParametersMetadata(params string[] names)
{
    public IReadOnlyList<string> Names { get; } = names;
}

public static class AcceptsQueryParametersExtensions
{
    /// <summary>Declares the query parameters the endpoint reads by hand (see <see cref="AcceptsQueryParametersMetadata"/>).</summary>
    public static TBuilder AcceptsQuery<TBuilder>(this TBuilder builder, params string[] names) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptsQueryParametersMetadata(names));
}
