using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Text;

namespace Interview.Tests.Support;

/// <summary>Test data with sensible defaults, so that a test names only what it is about.</summary>
public static class Builders
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly MarkdownRenderer Renderer = new();

    public static RenderedText Rendered(string markdown) => Renderer.Render(markdown);

    public static InterviewSession Session(int columnId = 1, string title = "秋冬季流感防控在线访谈") =>
        InterviewSession.Create(columnId, title, Rendered("背景材料"), Now.AddDays(1), Now.AddDays(1).AddHours(1), Now);

    public static InterviewSession SessionWithGuest(int columnId = 1)
    {
        var session = Session(columnId);
        session.AddGuest("李卫东", "主任", "市疾病预防控制中心", "从事疾病预防控制工作二十余年。", Now);
        return session;
    }

    /// <summary>A session moved along the lifecycle to <paramref name="status"/> through the legal moves.</summary>
    public static InterviewSession SessionIn(InterviewStatus status, int columnId = 1)
    {
        var session = SessionWithGuest(columnId);
        InterviewStatus[] path = status == InterviewStatus.Cancelled
            ? [InterviewStatus.Cancelled]
            : [.. new[] { InterviewStatus.Scheduled, InterviewStatus.Live, InterviewStatus.Ended, InterviewStatus.Published }
                .TakeWhile(s => s <= status)];
        foreach (var next in path)
        {
            session.TransitionTo(next, Now);
        }
        return session;
    }

    public static Question Question(int interviewId = 1, string text = "老人什么时候接种流感疫苗最好？") =>
        global::Interview.Domain.Questions.Question.Submit(interviewId, Guid.NewGuid().ToString("N")[..16], "市民小王", text, null, Now);
}
