using System.Text.RegularExpressions;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Live;
using Interview.Web.Public;
using Interview.Web.Screening;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Questions;

/// <summary>A moderator barred this client from asking in the session.</summary>
public sealed class ClientBlockedException() : DomainException(Text.SiteErrorCodes.ClientBlocked);

/// <summary>
/// What an asker sees of their question by its receipt (回执): their own words as sent (<see cref="Text"/>), as published
/// when a moderator edited them (<see cref="PublishedText"/>), the answer once there is one, and whether the session
/// was cancelled; never the text of others, never staff names.
/// </summary>
public sealed record ReceiptView(
    string Receipt, int InterviewId, string InterviewTitle, QuestionStatus Status, RejectReason? ReasonCategory,
    DateTimeOffset SubmittedAt, string? MergedIntoUrl, string? AnswerUrl, bool AnsweredLater, DateTimeOffset? FollowUpDueAt = null,
    string Text = "", string? PublishedText = null, string? AnswerText = null, InterviewStatus SessionStatus = InterviewStatus.Scheduled)
{
    public bool SessionCancelled => SessionStatus == InterviewStatus.Cancelled;
}

/// <summary>
/// Citizens' questions coming in (网友提问): checked, stored as pending (先审后发: nothing is public until a moderator
/// approves it), and answered with a receipt. A repeated submit with the same idempotency key makes one question.
/// </summary>
public sealed partial class QuestionIntake(
    IDbContextFactory<InterviewDbContext> contexts, QuestionLimiter limiter, QuestionWriter writer,
    QuestionScreening screening, TimeProvider clock, Sms.PhoneVerification verification)
{
    /// <param name="clientKey">Who sent it, from <see cref="ClientKeys"/>: the unit of rate limits and blocks.</param>
    /// <param name="code">The SMS code that verifies <paramref name="phone"/>, for columns that require one (<see cref="Sms.PhoneVerification"/>).</param>
    public async Task<string> SubmitAsync(
        int interviewId, string? nickname, string? text, string? phone, string? idempotencyKey, string clientKey, string? code = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        await using var db = await contexts.CreateDbContextAsync();
        // One read for all the intake needs to know of the session and the sender: a flood costs one query a question.
        var session = await db.Interviews.Where(i => i.Id == interviewId)
            .Select(i => new
            {
                i.Status,
                i.ColumnId,
                VerifiesPhone = db.Columns.Where(c => c.Id == i.ColumnId).Select(c => c.RequiresPhoneVerification).FirstOrDefault(),
                // A block in this session or in every session (全站).
                Blocked = db.ClientBlocks.Any(b => (b.InterviewId == interviewId || b.InterviewId == null) && b.ClientKey == clientKey),
            })
            .SingleOrDefaultAsync();
        var status = session?.Status;
        if (session is null || status is null or InterviewStatus.Draft)
        {
            throw new NotFoundException(Text.SiteErrorCodes.PublicInterviewNotFound, interviewId);
        }
        if (status is not (InterviewStatus.Scheduled or InterviewStatus.Live))
        {
            throw new ConflictException(Text.SiteErrorCodes.QuestionsClosed, new SessionState(status.Value));
        }
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (key is { Length: > 64 })
        {
            throw new DomainException(Text.SiteErrorCodes.IdempotencyKeyTooLong);
        }
        if (session.Blocked)
        {
            throw new ClientBlockedException();
        }
        if (key is not null && await db.Questions.Where(q => q.InterviewId == interviewId && q.IdempotencyKey == key)
                .Select(q => q.Receipt).SingleOrDefaultAsync() is { } earlier)
        {
            return earlier;
        }
        await limiter.TakeAsync(clientKey);
        var (name, body) = (Clean(nickname), Clean(text));
        // Flags only point moderators at a question (sensitive words, personal data); they decide nothing.
        var flags = await screening.FlagsForColumnAsync(session.ColumnId, name, body);
        var question = Question.Submit(
            interviewId, NewReceipt(), name, body, ValidPhone(phone), clock.GetUtcNow(), key, clientKey, flags);
        if (session.VerifiesPhone)
        {
            // After the question's own checks, so a question refused for its text does not spend the code.
            await verification.SpendAsync(question.Phone, code, clientKey);
        }
        try
        {
            await writer.SaveAsync(question);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key raced in from a double click: the first one stands.
            await using var again = await contexts.CreateDbContextAsync();
            return await again.Questions.Where(q => q.InterviewId == interviewId && q.IdempotencyKey == key).Select(q => q.Receipt).SingleAsync();
        }
        return question.Receipt;
    }

    public async Task<ReceiptView?> ReceiptAsync(string receipt)
    {
        if (string.IsNullOrWhiteSpace(receipt) || receipt.Length > 32)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync();
        var question = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Receipt == receipt.Trim().ToUpperInvariant());
        if (question is null)
        {
            return null;
        }
        var session = await db.Interviews.Where(i => i.Id == question.InterviewId).Select(i => new { i.Title, i.Status }).SingleAsync();
        var answer = await db.Entries.Where(e => e.InterviewId == question.InterviewId && e.QuestionId == question.Id &&
                                                 (e.Kind == EntryKind.Guest || e.Kind == EntryKind.FollowUp))
            .OrderBy(e => e.Seq).Select(e => new { e.Seq, e.Text }).FirstOrDefaultAsync();
        var answered = question.Status == QuestionStatus.Answered ? answer : null;
        var merged = question.MergedIntoId is { } into
            ? await db.Entries.Where(e => e.QuestionId == into && e.Kind == EntryKind.Question).Select(e => (int?)e.Seq).FirstOrDefaultAsync()
            : null;
        return new ReceiptView(question.Receipt, question.InterviewId, session.Title, question.Status,
            question.Status == QuestionStatus.Rejected ? question.RejectReason : null, question.SubmittedAt,
            question.MergedIntoId is null ? null : merged is { } m ? PublicUrls.Entry(question.InterviewId, m) : PublicUrls.Interview(question.InterviewId),
            answered is null ? null : PublicUrls.Entry(question.InterviewId, answered.Seq),
            question.AnsweredLater, question.FollowUpDueAt,
            // The asker's own words, masked all the same: whoever holds the code reads them.
            PersonalData.Mask(question.OriginalText), question.IsPublic && question.Text != question.OriginalText ? question.Text : null,
            answered?.Text, session.Status);
    }

    /// <summary>Line breaks kept, other control characters (NUL among them) and noncharacters dropped, ends trimmed.</summary>
    internal static string Clean(string? value) => UnicodeText.Clean(value);

    /// <summary>A mainland mobile or a landline (digits, spaces, hyphens); kept for staff follow-up, never shown publicly.</summary>
    internal static string? ValidPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var compact = phone.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return PhonePattern().IsMatch(compact) ? compact : throw new DomainException(Text.SiteErrorCodes.PhoneInvalid);
    }

    private static string NewReceipt() => ReceiptCodes.New();

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{9,11})$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
