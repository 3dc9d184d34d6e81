using System.Text;

namespace Interview.Bench.Search;

/// <summary>What was generated: sessions, entries, documents and the UTF-8 size of all the text the index covers.</summary>
public sealed record Filled(int Sessions, int Entries, int Questions, long RawTextBytes);

/// <summary>Where generated rows go: one database's own fast path (SQLite statements, PostgreSQL COPY).</summary>
public interface IBenchRows
{
    /// <summary>A published session; returns its id.</summary>
    long Session(int column, string title, string summary, DateTimeOffset start, DateTimeOffset end, DateTimeOffset published, int lastSeq);

    void Guest(long id, string name, string position, string organization, int order);

    void Entry(long id, int seq, string kind, string speaker, string text, DateTimeOffset at);

    void Question(long id, string receipt, string nickname, string text, DateTimeOffset at);
}

/// <summary>
/// The generated sessions, the same for every database: <paramref name="perSession"/> entries each, two approved
/// questions and two guests, from one seed.
/// </summary>
public static class BenchRows
{
    private static readonly DateTimeOffset FirstSession = new(2016, 1, 4, 10, 0, 0, TimeSpan.FromHours(8));

    public static Filled Generate(IBenchRows rows, int entries, int perSession, int seed, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var corpus = new Corpus(seed);
        long raw = 0;
        var sessions = 0;
        var questions = 0;
        for (var written = 0; written < entries; sessions++)
        {
            corpus.NextSession();
            var count = Math.Min(perSession, entries - written);
            var start = FirstSession.AddHours(sessions * 4.1);
            var title = corpus.Title();
            var summary = corpus.NextText(160);
            var id = rows.Session(sessions % 3 + 1, title, summary, start, start.AddHours(1), start.AddDays(1), count);
            var sessionText = new StringBuilder(title).Append('\n').Append(summary);
            for (var g = 0; g < 2; g++)
            {
                var (name, position, organization) = corpus.Guest();
                rows.Guest(id, name, position, organization, g);
                sessionText.Append('\n').Append(name).Append('\n').Append(position).Append('\n').Append(organization);
            }
            raw += Encoding.UTF8.GetByteCount(sessionText.ToString());
            for (var seq = 1; seq <= count; seq++)
            {
                var text = corpus.NextEntry();
                raw += Encoding.UTF8.GetByteCount(text);
                var (kind, speaker) = (seq % 3) switch
                {
                    0 => ("Host", ""),
                    1 => ("Question", corpus.Nickname()),
                    _ => ("Guest", "嘉宾"),
                };
                rows.Entry(id, seq, kind, speaker, text, start.AddMinutes(seq));
            }
            for (var q = 0; q < 2; q++)
            {
                var text = corpus.NextText(50);
                raw += Encoding.UTF8.GetByteCount(text);
                rows.Question(id, $"bench{id}q{q}", corpus.Nickname(), text, start.AddDays(-1));
                questions++;
            }
            written += count;
            if (sessions % 2000 == 0)
            {
                progress?.Invoke(written);
            }
        }
        return new Filled(sessions, entries, questions, raw);
    }
}
