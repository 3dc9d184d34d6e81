using System.Threading.Channels;
using Interview.Domain.Questions;
using Interview.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Questions;

/// <summary>
/// Saves citizens' questions with group commit: while one transaction is being written, the questions that arrive
/// queue up and go into the next one together. SQLite takes one writer at a time, so under a flood this turns many
/// small transactions (each with its own commit) into a few larger ones, and the wait for one's turn stays short.
/// A batch that fails (a duplicate idempotency key, say) is retried one question at a time, so each submitter gets
/// its own outcome. On PostgreSQL (<see cref="WriteGate.SingleWriter"/> false) questions skip the queue.
/// </summary>
public sealed class QuestionWriter : IAsyncDisposable
{
    private const int MaxBatch = 128;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<InterviewDbContext> _contexts;
    private readonly WriteGate _writes;
    private readonly Task _loop;

    public QuestionWriter(IDbContextFactory<InterviewDbContext> contexts, WriteGate writes)
    {
        _contexts = contexts;
        _writes = writes;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Saves <paramref name="question"/>; completes when it is committed, or throws what saving it threw.</summary>
    public Task SaveAsync(Question question)
    {
        if (!_writes.SingleWriter)
        {
            // PostgreSQL takes concurrent writers: each question goes straight in, in a transaction of its own.
            return SaveDirectlyAsync(question);
        }
        var pending = new Pending(question, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The question writer has stopped.");
        }
        return pending.Saved.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await SaveTogetherAsync(batch);
                batch.ForEach(p => p.Saved.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var one in batch)
                {
                    await SaveAloneAsync(one);
                }
            }
            catch (Exception e)
            {
                batch[0].Saved.TrySetException(e);
            }
        }
    }

    private async Task SaveAloneAsync(Pending pending)
    {
        try
        {
            await SaveTogetherAsync([pending]);
            pending.Saved.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Saved.TrySetException(e);
        }
    }

    private async Task SaveDirectlyAsync(Question question)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        db.Questions.Add(question);
        await db.SaveChangesAsync();
    }

    private async Task SaveTogetherAsync(IReadOnlyList<Pending> batch)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        db.Questions.AddRange(batch.Select(p => p.Question));
        using (await _writes.EnterAsync())
        {
            await db.SaveChangesAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(Question Question, TaskCompletionSource Saved);
}
