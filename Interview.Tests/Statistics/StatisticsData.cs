using Interview.Domain.Columns;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Interview.Tests.Statistics;

/// <summary>
/// A year of work with every case the figures distinguish, made through the domain's own rules at chosen Beijing
/// times: sessions in three quarters and two columns (a third column quiet), one that went live at 00:30 on New Year's
/// Day (2025 in UTC, 2026 in Beijing), one at 23:30 on New Year's Eve, one at 00:30 on 1 January 2027 (still 2026 in
/// UTC), a cancelled one and a scheduled one with questions, and questions answered live, on time, late and not yet.
/// </summary>
public static class StatisticsData
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    public const string AdminId = "stats-admin";
    public const string HostId = "stats-host";

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, Beijing);

    /// <summary>Ids of the columns: health, policy, quiet (never had a session).</summary>
    public static async Task<(int Health, int Policy, int Quiet)> ArrangeAsync(IDbContextFactory<InterviewDbContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await StaffAsync(contexts);
        int health, policy, quiet;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var columns = new[] { Column.Create("卫健在线", "stats-health", null, 0), Column.Create("政策解读", "stats-policy", null, 1), Column.Create("久未更新", "stats-quiet", null, 2) };
            db.Columns.AddRange(columns);
            await db.SaveChangesAsync();
            (health, policy, quiet) = (columns[0].Id, columns[1].Id, columns[2].Id);
        }

        // Q1: 00:30 on New Year's Day, one question answered live 20 minutes after it was sent.
        var newYear = await HeldAsync(contexts, health, At(2026, 1, 1, 0, 30), At(2026, 1, 1, 1, 30));
        await QuestionAsync(contexts, newYear, At(2026, 1, 1, 0, 20), q => AnsweredLive(q, At(2026, 1, 1, 0, 40)));

        // Q1: answered live (30 min), rejected, merged into the answered one, never decided.
        var february = await HeldAsync(contexts, health, At(2026, 2, 10, 10, 0), At(2026, 2, 10, 11, 0));
        var live = await QuestionAsync(contexts, february, At(2026, 2, 10, 9, 50), q => AnsweredLive(q, At(2026, 2, 10, 10, 20)));
        await QuestionAsync(contexts, february, At(2026, 2, 10, 9, 51), q => q.Reject("moderator", RejectReason.OffTopic, null, At(2026, 2, 10, 9, 55)));
        await QuestionAsync(contexts, february, At(2026, 2, 10, 9, 52), q => q.MergeInto(live, "moderator", At(2026, 2, 10, 9, 56)));
        await QuestionAsync(contexts, february, At(2026, 2, 10, 10, 59), _ => { });

        // Q2, the policy column: follow-ups due 27 May (five working days after Wednesday 20 May): on time, late, open.
        var may = await HeldAsync(contexts, policy, At(2026, 5, 20, 10, 0), At(2026, 5, 20, 11, 0));
        var due = new DateTimeOffset(2026, 5, 27, 23, 59, 59, Beijing);
        await QuestionAsync(contexts, may, At(2026, 5, 20, 9, 0), q => FollowUp(q, due, At(2026, 5, 25, 10, 0)));
        await QuestionAsync(contexts, may, At(2026, 5, 20, 9, 0), q => FollowUp(q, due, At(2026, 6, 1, 10, 0)));
        await QuestionAsync(contexts, may, At(2026, 5, 20, 9, 0), q => FollowUp(q, due, null));

        // Q4: 23:30 on New Year's Eve, one question answered live after 10 minutes.
        var newYearsEve = await HeldAsync(contexts, health, At(2026, 12, 31, 23, 30), At(2027, 1, 1, 0, 20));
        await QuestionAsync(contexts, newYearsEve, At(2026, 12, 31, 23, 30), q => AnsweredLive(q, At(2026, 12, 31, 23, 40)));

        // 2027 in Beijing (still 31 December 2026 in UTC); a cancelled session and one never live: counted nowhere.
        var nextYear = await HeldAsync(contexts, policy, At(2027, 1, 1, 0, 30), At(2027, 1, 1, 1, 30));
        await QuestionAsync(contexts, nextYear, At(2027, 1, 1, 0, 35), _ => { });
        var cancelled = await NotHeldAsync(contexts, health, InterviewStatus.Cancelled);
        await QuestionAsync(contexts, cancelled, At(2026, 3, 1, 9, 0), _ => { });
        var scheduled = await NotHeldAsync(contexts, policy, InterviewStatus.Scheduled);
        await QuestionAsync(contexts, scheduled, At(2026, 3, 1, 9, 0), _ => { });
        return (health, policy, quiet);
    }

    private static void AnsweredLive(Question question, DateTimeOffset at)
    {
        question.Approve("moderator", null, at.AddMinutes(-1));
        question.MarkAnswered(later: false, at);
    }

    private static void FollowUp(Question question, DateTimeOffset due, DateTimeOffset? answeredAt)
    {
        question.Approve("moderator", null, At(2026, 5, 20, 9, 30));
        question.BecomeFollowUp(due);
        if (answeredAt is { } at)
        {
            question.MarkAnswered(later: true, at);
        }
    }

    private static async Task<int> HeldAsync(IDbContextFactory<InterviewDbContext> contexts, int columnId, DateTimeOffset start, DateTimeOffset end)
    {
        var session = InterviewSession.Create(columnId, "统计用访谈", Builders.Rendered("背景"), start, end, start.AddDays(-7));
        session.AddGuest("李卫东", "主任", "市疾病预防控制中心", null, start.AddDays(-7));
        session.TransitionTo(InterviewStatus.Scheduled, start.AddDays(-7));
        session.TransitionTo(InterviewStatus.Live, start);
        session.TransitionTo(InterviewStatus.Ended, end);
        return await SaveAsync(contexts, session);
    }

    private static async Task<int> NotHeldAsync(IDbContextFactory<InterviewDbContext> contexts, int columnId, InterviewStatus status) =>
        await SaveAsync(contexts, Builders.SessionIn(status, columnId));

    private static async Task<int> SaveAsync(IDbContextFactory<InterviewDbContext> contexts, InterviewSession session)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static async Task<Question> QuestionAsync(IDbContextFactory<InterviewDbContext> contexts, int interviewId, DateTimeOffset at, Action<Question> decide)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var question = Question.Submit(interviewId, Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), "市民小王", "统计用的问题", null, at);
        decide(question);
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return question;
    }

    /// <summary>An admin and a host, for the permission checks.</summary>
    private static async Task StaffAsync(IDbContextFactory<InterviewDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        foreach (var role in StaffRoles.All.Where(r => !db.Roles.Any(x => x.Name == r.Name())).ToList())
        {
            db.Roles.Add(new IdentityRole(role.Name()) { NormalizedName = role.Name().ToUpperInvariant() });
        }
        await db.SaveChangesAsync();
        foreach (var (id, role) in new[] { (AdminId, StaffRole.Admin), (HostId, StaffRole.Host) })
        {
            var email = $"{id}@example.gov.cn";
            db.Users.Add(new StaffUser
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = id, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow,
            });
            var roleId = await db.Roles.Where(r => r.Name == role.Name()).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roleId });
        }
        await db.SaveChangesAsync();
    }
}
