using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace DataGouvTerr.Hub.Operations;

/// <summary>
/// Answers ASP.NET's own verdict that the client's request is malformed (<see cref="BadHttpRequestException"/>: a
/// parameter that does not bind, JSON that is not UTF-8, a chunked body whose framing lies, a body over the size
/// limit) as problem details with its status (400, 413…), the field and the reason. Only that exception type is
/// handled: any other exception is a bug and stays a 500. Minimal APIs throw it instead of answering a bare 400
/// because <c>RouteHandlerOptions.ThrowOnBadRequest</c> is set (see <see cref="OperationsFeature"/>).
/// </summary>
internal sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }
        var field = FieldOf(bad.Message);
        var reason = bad.Message.Replace("\0", "%00", StringComparison.Ordinal);
        await Results.Problem(statusCode: bad.StatusCode, title: bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
            detail: reason, type: "https://datagouvterr.fr/problems/bad-request",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["reason"] = reason }).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The parameter a binding failure names (<c>Failed to bind parameter "int? limit" from "x"</c>), else the body.</summary>
    internal static string FieldOf(string message) =>
        ParameterName().Match(message) is { Success: true } m && !message.Contains("request body", StringComparison.Ordinal) ? m.Groups[1].Value : "body";

    [GeneratedRegex("""parameter "(?:[^"]*\s)?(\w+)"?""")]
    private static partial Regex ParameterName();
}
