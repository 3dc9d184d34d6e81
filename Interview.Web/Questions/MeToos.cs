using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Questions;

/// <summary>
/// 同问 (<see cref="MeToo"/>): the public adds its voice to approved questions, once per client, and every list of
/// questions reads the count from here. The count is the rows, never a stored number, so two voices at once, or a
/// voice during a merge, can never overwrite one another.
/// </summary>
public sealed class MeToos(IDbContextFactory<InterviewDbContext> contexts, WriteGate writes, TimeProvider clock)
{
    /// <summary>Adds <paramref name="clientKey"/>'s voice to a public question and returns its count; a repeat changes nothing.</summary>
    public async Task<int> AddAsync(int questionId, string clientKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
            .Select(q => new
            {
                q.Status,
                q.ClientKey,
                Session = db.Interviews.Where(i => i.Id == q.InterviewId).Select(i => i.Status).Single(),
                Joined = db.MeToos.Any(m => m.QuestionId == q.Id && m.ClientKey == clientKey),
            })
            .SingleOrDefaultAsync();
        // A question not yet approved, or refused, is nobody's business: the same answer as one that does not exist.
        if (question is null || question.Status is not (QuestionStatus.Approved or QuestionStatus.Answered) || !question.Session.IsPublic())
        {
            throw new NotFoundException(SiteErrorCodes.PublicQuestionNotFound);
        }
        if (!MeToo.Allowed(question.Session))
        {
            throw new ConflictException(SiteErrorCodes.MeTooSessionCancelled);
        }
        if (!question.Joined && question.ClientKey != clientKey)
        {
            db.MeToos.Add(MeToo.Add(questionId, clientKey, clock.GetUtcNow()));
            try
            {
                using (await writes.EnterAsync())
                {
                    await db.SaveChangesAsync();
                }
            }
            catch (DbUpdateException)
            {
                // The same client twice at once: the unique index let one in, and that one is the voice.
                await using var again = await contexts.CreateDbContextAsync();
                if (!await again.MeToos.AnyAsync(m => m.QuestionId == questionId && m.ClientKey == clientKey))
                {
                    throw;
                }
            }
        }
        return await db.MeToos.CountAsync(m => m.QuestionId == questionId);
    }

    /// <summary>The count of each of <paramref name="questionIds"/> (absent when none).</summary>
    public static async Task<Dictionary<int, int>> CountsAsync(InterviewDbContext db, IReadOnlyCollection<int> questionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (questionIds.Count == 0)
        {
            return [];
        }
        return await db.MeToos.Where(m => questionIds.Contains(m.QuestionId)).GroupBy(m => m.QuestionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    /// <summary>
    /// Adds to <paramref name="db"/> the voices <paramref name="survivor"/> gains from <paramref name="duplicate"/> being
    /// merged into it, saved with the merge's decision (the same transaction).
    /// </summary>
    internal static async Task CarryAsync(InterviewDbContext db, Question duplicate, Question survivor, DateTimeOffset now)
    {
        var keys = await db.MeToos.Where(m => m.QuestionId == duplicate.Id || m.QuestionId == survivor.Id)
            .Select(m => new { m.QuestionId, m.ClientKey }).ToListAsync();
        var carried = MeToo.Carried(
            duplicate, keys.Where(k => k.QuestionId == duplicate.Id).Select(k => k.ClientKey),
            survivor, keys.Where(k => k.QuestionId == survivor.Id).Select(k => k.ClientKey));
        db.MeToos.AddRange(carried.Select(key => MeToo.Add(survivor.Id, key, now)));
    }
}
