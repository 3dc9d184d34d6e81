namespace Interview.Web.Search;

/// <summary>
/// BM25 (k1 = 1.2, b = 0.75) computed from the documents' own text: how often each word occurs (in the folded form,
/// so a phrase counts only where it stands whole), against the document's length, weighted by how rare the word is
/// across the index when the query has several words. The session's own document (title, summary, guests) counts
/// double. Ties go to the newer document.
/// </summary>
internal static class SearchRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double SessionWeight = 2;

    public static List<DocRow> Rank(
        IReadOnlyList<DocRow> candidates, IReadOnlyDictionary<long, DocText> texts, SearchQuery query,
        Func<SearchTerm, int> documentFrequency, Func<long> documentCount)
    {
        var folded = candidates.Where(c => texts.ContainsKey(c.Id))
            .Select(c => (Row: c, Text: SearchText.FoldedForm(texts[c.Id].Text)))
            .ToList();
        if (folded.Count == 0)
        {
            return [];
        }
        var averageLength = Math.Max(1, folded.Average(f => f.Text.Length));
        var weights = Weights(query, documentFrequency, documentCount);
        return folded
            .Select(f => (f.Row, Score: Score(f.Text, query.Terms, weights, averageLength) * (f.Row.Kind == SearchDocKind.Session ? SessionWeight : 1)))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Row.Id)
            .Select(s => s.Row)
            .ToList();
    }

    private static double[] Weights(SearchQuery query, Func<SearchTerm, int> documentFrequency, Func<long> documentCount)
    {
        if (query.Terms.Count == 1)
        {
            return [1];
        }
        var total = (double)documentCount();
        return query.Terms.Select(t =>
        {
            double frequency = documentFrequency(t);
            return Math.Log(1 + (total - frequency + 0.5) / (frequency + 0.5));
        }).ToArray();
    }

    private static double Score(string text, IReadOnlyList<SearchTerm> terms, double[] weights, double averageLength)
    {
        var score = 0.0;
        var norm = K1 * (1 - B + B * text.Length / averageLength);
        for (var i = 0; i < terms.Count; i++)
        {
            var frequency = SearchSnippet.Count(text, terms[i].Folded);
            score += weights[i] * frequency * (K1 + 1) / (frequency + norm);
        }
        return score;
    }
}
