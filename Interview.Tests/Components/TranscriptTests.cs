using Bunit;
using Interview.Domain.Interviews;
using Interview.Web;
using Interview.Web.Components.Pages;
using Interview.Web.Hosting;
using Interview.Web.Public;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Interview.Tests.Components;

public class TranscriptTests : BunitContext
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 2, 5, 0, TimeSpan.Zero);

    public TranscriptTests()
    {
        Services.AddSingleton(new SiteTime(Options.Create(new InterviewOptions())));
        Services.AddLocalization();
    }

    [Fact]
    public void EveryEntryHasItsSpeakerLabelBeijingTimeAndPermanentLink()
    {
        var cut = Render<Transcript>(p => p
            .Add(t => t.InterviewId, 7)
            .Add(t => t.Status, InterviewStatus.Published)
            .Add(t => t.Entries, [Entry(1, EntryKind.Host, "", "<p>开场</p>"), Entry(2, EntryKind.Guest, "李卫东", "<p>回答</p>")]));

        var items = cut.FindAll("li.entry");
        Assert.Equal(2, items.Count);
        Assert.Equal("e2", items[1].Id);
        Assert.Equal("[嘉宾 李卫东]", items[1].QuerySelector(".speaker")!.TextContent);
        Assert.Equal("10:05", items[1].QuerySelector("time")!.TextContent);
        Assert.Equal("/interviews/7#e2", items[1].QuerySelector("a.permalink")!.GetAttribute("href"));
        Assert.Equal("回答", items[1].QuerySelector(".entry-body p")!.TextContent);
        Assert.Equal("文字实录", cut.Find("h2").TextContent);
    }

    [Fact]
    public void ACorrectedEntryShowsWhenAndTheEarlierWording()
    {
        var corrected = Entry(3, EntryKind.Guest, "李卫东", "<p>35%</p>") with
        {
            CorrectedAt = At.AddDays(1),
            Revisions = [new RevisionView("<p>30%</p>", At, At.AddDays(1), "更正数据")],
        };

        var cut = Render<Transcript>(p => p
            .Add(t => t.InterviewId, 7)
            .Add(t => t.Status, InterviewStatus.Published)
            .Add(t => t.Entries, [corrected]));

        var trail = cut.Find("details.corrections");
        Assert.Contains("已更正", trail.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("30%", trail.TextContent, StringComparison.Ordinal);
        Assert.Contains("更正数据", trail.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ALiveTranscriptSaysItIsLive()
    {
        var cut = Render<Transcript>(p => p
            .Add(t => t.InterviewId, 7)
            .Add(t => t.Status, InterviewStatus.Live)
            .Add(t => t.Entries, []));

        Assert.Equal("文字直播", cut.Find("h2").TextContent);
        Assert.Equal("暂无内容。", cut.Find(".empty").TextContent);
    }

    private static EntryView Entry(int seq, EntryKind kind, string speaker, string html) =>
        new(7, seq, kind, TranscriptEntry.Label(kind, speaker), html, html, At, null, null, [], SpeakerName: speaker);
}
