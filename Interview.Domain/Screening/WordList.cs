namespace Interview.Domain.Screening;

/// <summary>What one save changed: the new version and how many words came and went.</summary>
public sealed record WordListChange(int Version, int Added, int Removed, int Count);

/// <summary>
/// A sensitive-word list (敏感词表), global or for one column (栏目), kept by admins. Every save is a new version with
/// its own revision (<see cref="WordListRevision"/>), so that a flag can name the version that raised it and the
/// history shows who changed what when. A hit only flags a question for moderators; it never decides anything.
/// </summary>
public sealed class WordList
{
    public const int MaxNameLength = 50;
    public const int MaxWords = 5000;
    public const int MaxWordLength = 50;

    private readonly List<WordListRevision> _revisions = [];

    private WordList()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The column whose sessions the list applies to, or null for every session.</summary>
    public int? ColumnId { get; private set; }
    /// <summary>Counts saves from 1; a save made from an older version than this is refused.</summary>
    public int Version { get; private set; }
    /// <summary>The words, one per line, as admins wrote them.</summary>
    public string Words { get; private set; } = "";
    public int WordCount { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public IReadOnlyList<WordListRevision> Revisions => _revisions;

    public IReadOnlyList<string> WordItems => Words.Length == 0 ? [] : Words.Split('\n');

    public static WordList Create(string name, int? columnId, IEnumerable<string> words, string by, DateTimeOffset now)
    {
        var list = new WordList
        {
            Name = Guard.Text(name, ErrorCodes.FieldWordListName, MaxNameLength),
            ColumnId = columnId,
        };
        list.Save(words, list.Version, by, now);
        return list;
    }

    /// <summary>
    /// Replaces the words, as a new version. <paramref name="basedOn"/> is the version the editor started from: when
    /// someone saved in between, the save is refused rather than silently undoing theirs.
    /// </summary>
    public WordListChange Save(IEnumerable<string> words, int basedOn, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (basedOn != Version)
        {
            throw new WordListChangedException(this);
        }
        var next = Normalize(words);
        var before = WordItems;
        if (Version > 0 && next.SequenceEqual(before, StringComparer.Ordinal))
        {
            throw new DomainException(ErrorCodes.WordListUnchanged);
        }
        var added = next.Except(before, StringComparer.Ordinal).Count();
        var removed = before.Except(next, StringComparer.Ordinal).Count();
        Version++;
        Words = string.Join('\n', next);
        WordCount = next.Count;
        UpdatedAt = now;
        UpdatedBy = by;
        _revisions.Add(WordListRevision.Record(this, added, removed));
        return new WordListChange(Version, added, removed, next.Count);
    }

    /// <summary>
    /// The words to keep: one per line, trimmed, empty lines dropped, repeats dropped (the first stays). A word that is
    /// too long, or that has no letter or digit (the matcher ignores everything else), is refused by name.
    /// </summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var line in words.SelectMany(w => (w ?? "").Split('\n')))
        {
            var word = line.Trim();
            if (word.Length == 0 || !seen.Add(word))
            {
                continue;
            }
            if (word.Length > MaxWordLength)
            {
                throw new DomainException(ErrorCodes.WordTooLong, MaxWordLength, word[..10]);
            }
            if (TextFolding.Fold(word).Length == 0)
            {
                throw new DomainException(ErrorCodes.WordWithoutLetters, word);
            }
            kept.Add(word);
            if (kept.Count > MaxWords)
            {
                throw new DomainException(ErrorCodes.TooManyWords, MaxWords);
            }
        }
        return kept;
    }
}

/// <summary>One saved version of a word list, never changed afterwards.</summary>
public sealed class WordListRevision
{
    private WordListRevision()
    {
    }

    public int Id { get; private set; }
    public int WordListId { get; private set; }
    public int Version { get; private set; }
    public string Words { get; private set; } = "";
    public int WordCount { get; private set; }
    public int Added { get; private set; }
    public int Removed { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }
    public string SavedBy { get; private set; } = "";

    public IReadOnlyList<string> WordItems => Words.Length == 0 ? [] : Words.Split('\n');

    internal static WordListRevision Record(WordList list, int added, int removed) => new()
    {
        WordListId = list.Id,
        Version = list.Version,
        Words = list.Words,
        WordCount = list.WordCount,
        Added = added,
        Removed = removed,
        SavedAt = list.UpdatedAt,
        SavedBy = list.UpdatedBy,
    };
}

/// <summary>Someone saved the list after the editor loaded it: reload and redo the change.</summary>
public sealed class WordListChangedException(WordList list)
    : DomainException(ErrorCodes.WordListChanged, list.Name, list.UpdatedBy, list.Version)
{
    public int CurrentVersion { get; } = list.Version;
}
