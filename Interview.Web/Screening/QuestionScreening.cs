using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Screening;

/// <summary>What screening found in one text: list words and personal data with their spans, and the text masked.</summary>
public sealed record ScreeningReport(string Text, IReadOnlyList<WordMatch> Words, IReadOnlyList<PersonalDataMatch> PersonalData)
{
    public string Masked => Domain.Screening.PersonalData.Mask(Text);

    /// <summary>The text cut into runs, each marked or not, overlapping hits merged: for highlighting in a console.</summary>
    public IReadOnlyList<TextSegment> Segments()
    {
        var spans = Words.Select(w => (w.Start, End: w.Start + w.Length))
            .Concat(PersonalData.Select(p => (p.Start, End: p.Start + p.Length)))
            .OrderBy(s => s.Start).ToList();
        var segments = new List<TextSegment>();
        var at = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var (start, end) = spans[i];
            while (i + 1 < spans.Count && spans[i + 1].Start < end)
            {
                end = Math.Max(end, spans[++i].End);
            }
            if (start > at)
            {
                segments.Add(new TextSegment(Text[at..start], false));
            }
            segments.Add(new TextSegment(Text[start..end], true));
            at = end;
        }
        if (at < Text.Length)
        {
            segments.Add(new TextSegment(Text[at..], false));
        }
        return segments;
    }
}

public sealed record TextSegment(string Text, bool Marked);

/// <summary>
/// Screens citizens' questions at intake: sensitive-word hits from the lists that apply to the session's column, and
/// personal data, become flags for moderators. A flag never rejects or publishes anything.
/// </summary>
public sealed class QuestionScreening(IDbContextFactory<InterviewDbContext> contexts, WordListMatchers matchers)
{
    /// <summary>The flags for a question in session <paramref name="interviewId"/>: one per distinct list word, one per kind of personal data.</summary>
    public async Task<IReadOnlyList<QuestionFlag>> FlagsAsync(int interviewId, string nickname, string text)
    {
        ArgumentNullException.ThrowIfNull(nickname);
        ArgumentNullException.ThrowIfNull(text);
        int? columnId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            columnId = await db.Interviews.Where(i => i.Id == interviewId).Select(i => (int?)i.ColumnId).SingleOrDefaultAsync();
        }
        return await FlagsForColumnAsync(columnId, nickname, text);
    }

    /// <summary>The same, when the caller already knows the session's column (the intake reads it with the session).</summary>
    public async Task<IReadOnlyList<QuestionFlag>> FlagsForColumnAsync(int? columnId, string nickname, string text)
    {
        ArgumentNullException.ThrowIfNull(nickname);
        ArgumentNullException.ThrowIfNull(text);
        var matcher = await matchers.ForColumnAsync(columnId);
        return Flags([Screen(matcher, nickname), Screen(matcher, text)]);
    }

    /// <summary>What the lists for <paramref name="columnId"/> (null: the global lists) find in <paramref name="text"/>.</summary>
    public async Task<ScreeningReport> ScreenAsync(int? columnId, string text) => Screen(await matchers.ForColumnAsync(columnId), text);

    public static ScreeningReport Screen(SensitiveWordMatcher matcher, string text)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return new ScreeningReport(text, matcher.FindAll(text), PersonalData.Find(text));
    }

    /// <summary>「list word」 · list name v3 for each distinct list word (in order of appearance), then 手机号 / 身份证号 / 电子邮箱.</summary>
    public static IReadOnlyList<QuestionFlag> Flags(IEnumerable<ScreeningReport> reports)
    {
        var all = reports.ToList();
        var words = all.SelectMany(r => r.Words)
            .Select(m => new QuestionFlag(FlagKind.SensitiveWord, Truncate($"「{m.Word}」 · {m.ListName} v{m.ListVersion}")));
        var personal = all.SelectMany(r => r.PersonalData).Select(p => p.Kind).Distinct().Order()
            .Select(kind => new QuestionFlag(FlagKind.PersonalData, kind.DisplayName()));
        return [.. words.Concat(personal).Distinct()];
    }

    private static string Truncate(string detail) =>
        detail.Length <= QuestionFlag.MaxDetailLength ? detail : detail[..QuestionFlag.MaxDetailLength];
}
