using System.Net.Http.Json;
using System.Text.Json;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Staff;
using Interview.Tests.Support;
using Interview.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.FollowUps;

/// <summary>
/// The real site with the shipped configuration (the 2026 holiday list among it) and a clock the test sets, with
/// helpers that arrange sessions and questions through the domain's own rules.
/// </summary>
public sealed class FollowUpSite : StaffSite
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 9, 30, 10, 0, 0, Beijing));

    public IDbContextFactory<InterviewDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A live session under the first demo column, with a guest, and staff assigned to it.</summary>
    public async Task<int> LiveSessionAsync(params (string StaffId, StaffRole Role)[] staff)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var column = await db.Columns.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var session = Builders.SessionIn(InterviewStatus.Live, column);
        foreach (var (id, role) in staff)
        {
            session.Assign(id, role);
        }
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>A question of the session, taken as far as <paramref name="decide"/> takes it (pending when it does nothing).</summary>
    public async Task<Question> QuestionAsync(int interviewId, string text, Action<Question>? decide = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        // Receipts are looked up in upper case, as citizens may type them either way.
        var question = Question.Submit(interviewId, Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), "市民小王", text, null, Builders.Now);
        decide?.Invoke(question);
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return question;
    }

    public async Task<Question> StoredAsync(int questionId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Questions.AsNoTracking().SingleAsync(q => q.Id == questionId);
    }

    /// <summary>Ends the session through the staff API, as the admin, at the clock's time.</summary>
    public async Task EndAsync(int interviewId)
    {
        using var admin = Client(await TokenAsync());
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/transitions", new { to = "ended" });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Publishes a 会后答复 to the question through the staff API, as the admin; returns its seq.</summary>
    public async Task<int> AnswerLaterAsync(int interviewId, int questionId, string markdown = "经核实，社区卫生服务中心可以开具长处方。")
    {
        using var admin = Client(await TokenAsync());
        var response = await admin.PostAsJsonAsync($"/api/v1/interviews/{interviewId}/entries", new { kind = "followup", markdown, questionId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("seq").GetInt32();
    }

    public static void Approve(Question question) => question.Approve("moderator@example.gov.cn", null, Builders.Now);
}
