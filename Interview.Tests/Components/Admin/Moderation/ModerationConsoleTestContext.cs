using AngleSharp.Dom;
using Bunit;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Tests.Components.Admin.Live;
using Interview.Web.Components.Admin.Moderation;
using Interview.Web.Questions;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Components.Admin.Moderation;

/// <summary>
/// The moderation console under test: the live consoles' context (a session on air, real services over a temporary
/// database) plus the moderation services, questions built through the domain's rules, and a second moderator.
/// </summary>
public abstract class ModerationConsoleTestContext : LiveConsoleTestContext
{
    protected const string OtherModeratorEmail = "other.moderator@example.gov.cn";

    protected ModerationConsoleTestContext()
    {
        Services.AddSingleton<ModerationQueue>();
    }

    /// <summary>Another moderator, deciding through the same service from their own console.</summary>
    protected static StaffActor OtherModerator { get; } = new("staff-other-moderator", OtherModeratorEmail, "10.0.0.2");

    protected Interview.Web.Questions.Moderation Moderation => Service<Interview.Web.Questions.Moderation>();

    protected Task AddOtherModeratorAsync() => AddStaffAsync(OtherModerator.Id, OtherModerator.Email, StaffRole.Moderator);

    /// <summary>A pending question, submitted <paramref name="secondsAgo"/> seconds ago (older ones come first in the queue).</summary>
    protected async Task<int> PendingQuestionAsync(
        int interviewId, string text, string nickname = "市民小王", string? phone = null, int secondsAgo = 60,
        IEnumerable<QuestionFlag>? flags = null, string? clientKey = null)
    {
        await using var db = Database.CreateDbContext();
        var question = Question.Submit(interviewId, Guid.NewGuid().ToString("N")[..16], nickname, text, phone,
            DateTimeOffset.UtcNow.AddSeconds(-secondsAgo), clientKey: clientKey ?? $"client-{Guid.NewGuid():N}"[..20], flags: flags);
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return question.Id;
    }

    protected async Task<Question> StoredQuestionAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Questions.AsNoTracking().SingleAsync(q => q.Id == id);
    }

    protected IRenderedComponent<ModerationConsolePage> RenderConsole(int interviewId) =>
        Render<ModerationConsolePage>(p => p.Add(s => s.Id, interviewId));

    /// <summary>Presses a key where the moderator's focus is: on the selected question, or the console when the list is empty.</summary>
    protected static Task PressAsync(IRenderedComponent<ModerationConsolePage> cut, string key, bool ctrl = false)
    {
        var target = cut.FindAll(".moderation-item.selected").FirstOrDefault() ?? cut.Find(".moderation-console");
        return target.KeyDownAsync(new KeyboardEventArgs { Key = key, CtrlKey = ctrl });
    }

    /// <summary>The ids of the questions listed, in order.</summary>
    protected static IReadOnlyList<int> Listed(IRenderedComponent<ModerationConsolePage> cut) =>
        [.. cut.FindAll(".moderation-item").Select(li => int.Parse(li.GetAttribute("data-question")!, System.Globalization.CultureInfo.InvariantCulture))];

    protected static int SelectedId(IRenderedComponent<ModerationConsolePage> cut)
    {
        var selected = Assert.Single(cut.FindAll(".moderation-item[aria-selected=true]"));
        return int.Parse(selected.GetAttribute("data-question")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static IElement Row(IRenderedComponent<ModerationConsolePage> cut, int questionId) =>
        cut.Find($".moderation-item[data-question='{questionId}']");
}
