using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Reports;
using Interview.Web.Data;
using Interview.Web.Public;
using Interview.Web.Questions;
using Interview.Domain.Screening;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Reports;

/// <summary>A client sent more reports than the per-minute limit allows.</summary>
public sealed class TooManyReportsException() : DomainException(Text.SiteErrorCodes.TooManyReports);

/// <summary>What a citizen reports: a published entry or an approved question of a public session, as the public sees it.</summary>
public sealed record ReportTarget(int InterviewId, string InterviewTitle, int? Seq, int? QuestionId, string Text)
{
    /// <summary>Where the reported text stands on the session page.</summary>
    public string Url => Seq is { } seq ? PublicUrls.Entry(InterviewId, seq) : $"{PublicUrls.Interview(InterviewId)}#q{QuestionId}";
}

/// <summary>What the reporter reads by the receipt: their report (details masked) and, once decided, the outcome and the reply.</summary>
public sealed record ReportReceiptView(
    string Receipt, ReportTarget Target, ReportReason Reason, string Details, DateTimeOffset SubmittedAt,
    ReportStatus Status, string? Reply, DateTimeOffset? DecidedAt);

/// <summary>
/// Citizens' reports (投诉举报) coming in: on something public only, limited per client as questions are (a budget of
/// its own, so reporting does not spend the asking), details with personal data masked, answered with a receipt.
/// </summary>
public sealed class ReportIntake(
    IDbContextFactory<InterviewDbContext> contexts, QuestionLimiter limiter, TimeProvider clock)
{
    /// <summary>The entry numbered <paramref name="seq"/> or the public question <paramref name="questionId"/> of a public session, or null.</summary>
    public async Task<ReportTarget?> TargetAsync(int interviewId, int? seq, int? questionId)
    {
        if (seq is null == questionId is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync();
        return await TargetAsync(db, interviewId, seq, questionId);
    }

    /// <param name="clientKey">Who sent it, from <see cref="ClientKeys"/>: the unit of the rate limit.</param>
    public async Task<string> SubmitAsync(int interviewId, int? seq, int? questionId, ReportReason reason, string? details, string clientKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        if (seq is null == questionId is null)
        {
            throw new DomainException(ErrorCodes.ReportTargetRequired);
        }
        await using var db = await contexts.CreateDbContextAsync();
        _ = await TargetAsync(db, interviewId, seq, questionId)
            ?? throw new NotFoundException(Text.SiteErrorCodes.ReportTargetNotFound);
        try
        {
            await limiter.TakeAsync("report:" + clientKey);
        }
        catch (TooManyQuestionsException)
        {
            throw new TooManyReportsException();
        }
        // Whoever holds the receipt reads the details back, and admins read them: personal data is masked on the way in.
        var masked = PersonalData.Mask(UnicodeText.Clean(details));
        var report = Report.Submit(ReceiptCodes.New(), interviewId, seq, questionId, reason, masked, clientKey, clock.GetUtcNow());
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Receipt;
    }

    public async Task<ReportReceiptView?> ReceiptAsync(string? receipt)
    {
        if (ReceiptCodes.Normalize(receipt) is not { } code)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync();
        var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Receipt == code);
        if (report is null)
        {
            return null;
        }
        // The reported text as it stands now: hidden or corrected since, the reporter sees the change.
        var target = await TargetAsync(db, report.InterviewId, report.EntrySeq, report.QuestionId)
            ?? new ReportTarget(report.InterviewId, await db.Interviews.Where(i => i.Id == report.InterviewId).Select(i => i.Title).SingleAsync(),
                report.EntrySeq, report.QuestionId, "");
        return new ReportReceiptView(report.Receipt, target, report.Reason, report.Details, report.SubmittedAt,
            report.Status, report.Reply, report.DecidedAt);
    }

    internal static async Task<ReportTarget?> TargetAsync(InterviewDbContext db, int interviewId, int? seq, int? questionId)
    {
        var title = await db.Interviews.Where(i => i.Id == interviewId && i.Status != InterviewStatus.Draft && i.RehearsalOf == null)
            .Select(i => i.Title).SingleOrDefaultAsync();
        if (title is null)
        {
            return null;
        }
        var text = seq is { } n
            ? await db.Entries.Where(e => e.InterviewId == interviewId && e.Seq == n).Select(e => e.Text).SingleOrDefaultAsync()
            : await db.Questions.Where(q => q.InterviewId == interviewId && q.Id == questionId &&
                                            (q.Status == QuestionStatus.Approved || q.Status == QuestionStatus.Answered))
                .Select(q => q.Text).SingleOrDefaultAsync();
        return text is null ? null : new ReportTarget(interviewId, title, seq, questionId, text);
    }
}
