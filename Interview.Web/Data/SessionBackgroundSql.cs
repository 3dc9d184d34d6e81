namespace Interview.Web.Data;

/// <summary>
/// Splits the one text sessions had into background (访谈背景) and summary (访谈摘要), for both providers' migrations.
/// Until now the text was written before the session and shown on its preview, so a session that has not ended yet
/// (or never will: cancelled) had a background in it, and it moves there; an ended or published session's text was
/// what its archive showed, so it stays the summary.
/// </summary>
internal static class SessionBackgroundSql
{
    public const string Up = """
        UPDATE "Interviews" SET "BackgroundMarkdown" = "SummaryMarkdown", "BackgroundHtml" = "SummaryHtml",
            "SummaryMarkdown" = '', "SummaryHtml" = ''
        WHERE "Status" NOT IN ('Ended', 'Published');
        """;

    /// <summary>Back to one text: a session without a summary gets its background back in it.</summary>
    public const string Down = """
        UPDATE "Interviews" SET "SummaryMarkdown" = "BackgroundMarkdown", "SummaryHtml" = "BackgroundHtml"
        WHERE "SummaryMarkdown" = '';
        """;
}
