using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataGouvTerr.Domain.Contracts.Loading;

/// <summary>
/// State shared while one contract file is read: where it comes from (for error locations and relative
/// <c>geometry_file</c> paths) and every error found so far, so reading goes on after the first one.
/// </summary>
internal sealed class ContractReadContext(string source, string? baseDirectory)
{
    private readonly List<ContractError> _errors = [];
    private readonly HashSet<string> _errorPaths = new(StringComparer.Ordinal);

    public string Source { get; } = source;

    /// <summary>Directory that relative file references resolve against; null when the YAML came from text.</summary>
    public string? BaseDirectory { get; } = baseDirectory;

    public IReadOnlyList<ContractError> Errors => _errors;

    public void Error(string path, YamlNode? at, string reason) => Error(path, at?.Start, reason);

    public void Error(string path, Mark? at, string reason)
    {
        int? line = at is null ? null : (int)at.Value.Line;
        int? column = at is null ? null : (int)at.Value.Column;
        _errors.Add(new ContractError(Source, path, reason, line, column));
        _errorPaths.Add(path);
    }

    /// <summary>
    /// True when an error was already reported at this path or under it. Cross-reference rules use it to stay
    /// quiet about values that were already reported as malformed, so each mistake is reported once.
    /// </summary>
    public bool HasErrorAt(string path) =>
        _errorPaths.Any(p => p == path || p.StartsWith(path + ".", StringComparison.Ordinal) || p.StartsWith(path + "[", StringComparison.Ordinal));
}
