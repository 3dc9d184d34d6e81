namespace Interview.Domain.Screening;

/// <summary>A word list as the matcher is built from it: its name, its version and its words as written.</summary>
public sealed record SensitiveWordSource(string ListName, int ListVersion, IReadOnlyList<string> Words);

/// <summary>One hit: the list word as written in its list, which list (and version), and the span of the checked text.</summary>
public sealed record WordMatch(string Word, string ListName, int ListVersion, int Start, int Length, string MatchedText);

/// <summary>Counts the matcher's work, for tests that hold it to linear time.</summary>
public sealed class MatchWork
{
    /// <summary>Automaton steps: one per transition taken or failure link followed.</summary>
    public long Steps { get; internal set; }
    /// <summary>Output links followed to report matches.</summary>
    public long Outputs { get; internal set; }
}

/// <summary>
/// Finds every listed word in a text in one pass (Aho–Corasick over the folded text, <see cref="TextFolding"/>):
/// time linear in the text's length plus the number of matches, whatever the number of words. Immutable once
/// built, so one instance serves concurrent requests.
/// </summary>
public sealed class SensitiveWordMatcher
{
    private const int Root = 0;

    /// <summary>The trie's edges, keyed by (state &lt;&lt; 16) | character: one small dictionary, not one per node.</summary>
    private readonly Dictionary<long, int> _next;
    private readonly int[] _fail;
    /// <summary>The nearest state on the failure chain (itself excluded) that ends a word, or -1.</summary>
    private readonly int[] _outputLink;
    private readonly int[] _depth;
    private readonly SensitiveWordSource[]?[] _lists;
    private readonly string[]?[] _words;

    private SensitiveWordMatcher(Builder builder)
    {
        _next = builder.Next;
        _depth = [.. builder.Depth];
        _words = [.. builder.Words.Select(w => w?.Select(e => e.Word).ToArray())];
        _lists = [.. builder.Words.Select(w => w?.Select(e => e.Source).ToArray())];
        var count = _depth.Length;
        _fail = new int[count];
        _outputLink = new int[count];
        LinkFailures(builder.Children);
        WordCount = builder.WordCount;
    }

    public static SensitiveWordMatcher Empty { get; } = Build([]);

    /// <summary>How many list words the matcher holds (a word in two lists counts twice); words folding to nothing are left out.</summary>
    public int WordCount { get; }

    public static SensitiveWordMatcher Build(IEnumerable<SensitiveWordSource> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var builder = new Builder();
        foreach (var list in lists)
        {
            foreach (var word in list.Words)
            {
                builder.Add(word, list);
            }
        }
        return new SensitiveWordMatcher(builder);
    }

    /// <summary>Every occurrence of every list word in <paramref name="text"/>, overlapping ones included, by position.</summary>
    public IReadOnlyList<WordMatch> FindAll(string text, MatchWork? work = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = TextFolding.FoldWithMap(text);
        var value = folded.Value;
        var matches = new List<WordMatch>();
        long steps = 0, outputs = 0;
        var state = Root;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            while (true)
            {
                steps++;
                if (_next.TryGetValue(Key(state, c), out var next))
                {
                    state = next;
                    break;
                }
                if (state == Root)
                {
                    break;
                }
                state = _fail[state];
            }
            for (var s = _words[state] is null ? _outputLink[state] : state; s >= 0; s = _outputLink[s])
            {
                outputs++;
                var (start, length) = folded.OriginalSpan(i - _depth[s] + 1, _depth[s]);
                var words = _words[s]!;
                for (var w = 0; w < words.Length; w++)
                {
                    var list = _lists[s]![w];
                    matches.Add(new WordMatch(words[w], list.ListName, list.ListVersion, start, length, text.Substring(start, length)));
                }
            }
        }
        if (work is not null)
        {
            work.Steps += steps;
            work.Outputs += outputs;
        }
        matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        return matches;
    }

    private static long Key(int state, char c) => ((long)state << 16) | c;

    /// <summary>Breadth first: a state's failure link is the longest proper suffix of its path that is also in the trie.</summary>
    private void LinkFailures(List<List<(char C, int State)>> children)
    {
        _fail[Root] = Root;
        _outputLink[Root] = -1;
        var queue = new Queue<int>();
        foreach (var (_, child) in children[Root])
        {
            _fail[child] = Root;
            _outputLink[child] = -1;
            queue.Enqueue(child);
        }
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (c, child) in children[state])
            {
                var fallback = _fail[state];
                while (fallback != Root && !_next.ContainsKey(Key(fallback, c)))
                {
                    fallback = _fail[fallback];
                }
                var target = _next.TryGetValue(Key(fallback, c), out var found) ? found : Root;
                _fail[child] = target;
                _outputLink[child] = _words[target] is not null ? target : _outputLink[target];
                queue.Enqueue(child);
            }
        }
    }

    private sealed class Builder
    {
        public Dictionary<long, int> Next { get; } = [];
        public List<int> Depth { get; } = [0];
        public List<List<(string Word, SensitiveWordSource Source)>?> Words { get; } = [null];
        public List<List<(char C, int State)>> Children { get; } = [[]];
        public int WordCount { get; private set; }

        public void Add(string word, SensitiveWordSource source)
        {
            var folded = TextFolding.Fold(word);
            if (folded.Length == 0)
            {
                return;
            }
            var state = Root;
            foreach (var c in folded)
            {
                if (!Next.TryGetValue(Key(state, c), out var next))
                {
                    next = Depth.Count;
                    Depth.Add(Depth[state] + 1);
                    Words.Add(null);
                    Children.Add([]);
                    Next[Key(state, c)] = next;
                    Children[state].Add((c, next));
                }
                state = next;
            }
            var here = Words[state] ??= [];
            if (!here.Contains((word, source)))
            {
                here.Add((word, source));
                WordCount++;
            }
        }
    }
}
