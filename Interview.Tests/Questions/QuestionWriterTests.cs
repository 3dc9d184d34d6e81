using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Data;
using Interview.Web.Questions;
using Microsoft.EntityFrameworkCore;
using static Interview.Tests.Support.Builders;

namespace Interview.Tests.Questions;

public sealed class QuestionWriterTests : QuestionWriterSuite
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreateAsync();
}

/// <summary>The question writer, on SQLite (group commit) and on PostgreSQL (each question straight in).</summary>
public abstract class QuestionWriterSuite : IAsyncLifetime
{
    private TestDatabase _database = default!;

    protected abstract Task<TestDatabase> DatabaseAsync();

    /// <summary>The gate the site would use on this provider.</summary>
    protected virtual WriteGate Gate() => new();

    public async Task InitializeAsync() => _database = await DatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ManyConcurrentQuestionsAreAllSavedAndEachSubmitterHearsOnlyOfItsOwn()
    {
        var sessionId = await SessionAsync();
        await using var writer = new QuestionWriter(_database, Gate());

        var saves = Enumerable.Range(0, 300).Select(i => writer.SaveAsync(
            Interview.Domain.Questions.Question.Submit(sessionId, $"R{i:0000}", "网友", $"第{i}个问题", null, Now, idempotencyKey: i == 299 ? "dup" : $"k{i}")));
        await Task.WhenAll(saves);
        // A second question with a key already used fails alone, while the questions saved beside it stand.
        var duplicate = writer.SaveAsync(Interview.Domain.Questions.Question.Submit(sessionId, "RDUP", "网友", "重复提交", null, Now, idempotencyKey: "dup"));
        var neighbour = writer.SaveAsync(Interview.Domain.Questions.Question.Submit(sessionId, "RNEXT", "网友", "另一个问题", null, Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => duplicate);
        await neighbour;
        await using var db = _database.CreateDbContext();
        Assert.Equal(301, await db.Questions.CountAsync(q => q.InterviewId == sessionId));
        Assert.False(await db.Questions.AnyAsync(q => q.Receipt == "RDUP"));
    }

    private async Task<int> SessionAsync()
    {
        await using var db = _database.CreateDbContext();
        var column = Interview.Domain.Columns.Column.Create("卫健在线", "health");
        db.Columns.Add(column);
        await db.SaveChangesAsync();
        var session = SessionIn(Interview.Domain.Interviews.InterviewStatus.Live, column.Id);
        db.Interviews.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }
}
