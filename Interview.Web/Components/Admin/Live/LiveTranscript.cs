using Interview.Web.Public;

namespace Interview.Web.Components.Admin.Live;

/// <summary>
/// The transcript as a console holds it: read once, then kept up to date from the notifier's entries. An entry is
/// known by its seq, so a correction replaces it and an entry heard twice (read and announced) is kept once.
/// </summary>
public sealed class LiveTranscript
{
    private readonly SortedDictionary<int, EntryView> _entries = [];

    public IReadOnlyList<EntryView> All => [.. _entries.Values];

    public int Count => _entries.Count;

    public IReadOnlyList<EntryView> Last(int count) => [.. _entries.Values.Skip(Math.Max(0, _entries.Count - count))];

    public EntryView? Find(int? seq) => seq is { } s && _entries.TryGetValue(s, out var entry) ? entry : null;

    public void Replace(IEnumerable<EntryView>? entries)
    {
        _entries.Clear();
        foreach (var entry in entries ?? [])
        {
            _entries[entry.Seq] = entry;
        }
    }

    public void Put(EntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[entry.Seq] = entry;
    }
}
