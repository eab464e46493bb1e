using DataGouvTerr.Domain.Notices;

namespace DataGouvTerr.Domain.Gbfs;

/// <summary>
/// Collects the notices of one poll. A feed like Vélib' repeats the same deviation on each of its 1,500 stations,
/// so notices with the same code, source and field are folded into the first one with a count of the others.
/// </summary>
public sealed class GbfsNoticeCollector
{
    private readonly Dictionary<(string Code, string Source, string? Field), (Notice First, int Count)> _notices = [];
    private readonly List<(string Code, string Source, string? Field)> _order = [];

    public void Add(Notice notice)
    {
        var key = (notice.Code, notice.Location.Source, notice.Location.Field);
        if (_notices.TryGetValue(key, out var entry))
        {
            _notices[key] = (entry.First, entry.Count + 1);
            return;
        }

        _notices[key] = (notice, 1);
        _order.Add(key);
    }

    public void Add(string code, NoticeSeverity severity, NoticeLocation location, string message) =>
        Add(new Notice(code, severity, location, message));

    public void AddRange(IEnumerable<Notice> notices)
    {
        foreach (var notice in notices)
        {
            Add(notice);
        }
    }

    public bool HasErrors => _notices.Values.Any(n => n.First.Severity == NoticeSeverity.Error);

    public IReadOnlyList<Notice> ToList() =>
        _order.Select(key => _notices[key])
            .Select(n => n.Count == 1 ? n.First : n.First with { Message = $"{n.First.Message} (and {n.Count - 1} more like it)" })
            .ToList();
}
