namespace Interview.Bench.Search;

/// <summary>A benchmark query and the group it is reported in.</summary>
public sealed record BenchQuery(string Text, string Group);

/// <summary>
/// What people type into a government portal's search, drawn from the generator's own vocabulary so that common,
/// rare and absent terms are what they claim: 1-character queries from the most to the least frequent characters,
/// 2-, 3- and 4+-character words from the head and the tail of the vocabulary, reversed pairs (保医), Latin and mixed
/// terms, and several words at once or a quoted phrase.
/// </summary>
public static class QueryMix
{
    public const string OneChar = "1 char";
    public const string TwoChars = "2 chars";
    public const string ThreeChars = "3 chars";
    public const string FourPlus = "4+ chars";
    public const string Phrases = "phrases";

    public static readonly string[] Groups = [OneChar, TwoChars, ThreeChars, FourPlus, Phrases];

    public static IReadOnlyList<BenchQuery> Build()
    {
        var queries = new List<BenchQuery>();
        // Characters by frequency rank, from 的 to the tail, plus rare and absent ones.
        foreach (var rank in new[] { 0, 3, 10, 30, 60, 100, 200, 400, 700, 1000, 1500, 2000, 2500, 2998 })
        {
            queries.Add(new(Corpus.Chars[rank].ToString(), OneChar));
        }
        queries.AddRange(new[] { "鐘", "犇", "龘", "曌" }.Select(c => new BenchQuery(c, OneChar)));

        var words = Corpus.Domain.Select((w, i) => (Word: w, Rank: i)).ToList();
        void Add(int length, string group, int head, int tail)
        {
            var sized = words.Where(w => w.Word.Length == length || (length == 4 && w.Word.Length > 4)).ToList();
            queries.AddRange(sized.Take(head).Concat(sized.TakeLast(tail)).Select(w => new BenchQuery(w.Word, group)));
        }
        Add(2, TwoChars, 10, 8);
        Add(3, ThreeChars, 8, 6);
        Add(4, FourPlus, 8, 8);

        // Common words, reversed pairs (must not match their originals) and pairs that hardly ever occur.
        queries.AddRange(new[] { "我们", "工作", "问题", "保医", "保社", "苗疫", "老养", "作工", "题问", "的的", "是的", "哈哈", "5G", "AI" }
            .Select(w => new BenchQuery(w, TwoChars)));
        queries.AddRange(new[] { "医保卡", "金积公", "园儿幼", "哈哈哈", "PM2", "App" }.Select(w => new BenchQuery(w, ThreeChars)));
        queries.AddRange(new[] { "H1N1", "H1N1流感", "12345热线", "PM2.5", "医保报销", "住房公积金提取", "异地就医备案", "流感疫苗接种",
            "我们的工作", "政务服务一网通办" }.Select(w => new BenchQuery(w, FourPlus)));

        queries.AddRange(new[]
        {
            "医保 报销", "养老金 调整", "公积金 提取 租房", "疫苗 接种 预约", "小微企业 贷款", "\"异地 就医\"", "\"住房 公积金\"",
            "的 医保", "税 发票", "H1N1 流感", "家庭医生 签约服务 慢性病", "网格员 志愿者",
        }.Select(w => new BenchQuery(w, Phrases)));
        return queries;
    }
}
