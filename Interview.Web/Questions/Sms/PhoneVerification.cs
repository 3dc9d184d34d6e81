using System.Security.Cryptography;
using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Interview.Web.Questions.Sms;

/// <summary>A number or a client asked for more codes than the limits allow (HTTP 429).</summary>
public sealed class TooManyPhoneCodesException() : DomainException(Text.SiteErrorCodes.TooManyPhoneCodes);

/// <summary>What a session's question form must ask for.</summary>
public enum PhoneCheck
{
    /// <summary>The column does not verify phones: the phone stays optional.</summary>
    None,
    Required,
    /// <summary>The column verifies phones but the site has no sender: no question can be taken.</summary>
    Unavailable,
}

/// <summary>
/// 后台实名: in a column that requires it, a question is taken only with a code sent by SMS to the asker's phone.
/// Codes and sends live in the database (PhoneCodes, keyed hashes only), so the limits and the one use of a code hold
/// for every instance. One code verifies one question.
/// </summary>
public sealed class PhoneVerification(
    IDbContextFactory<InterviewDbContext> contexts, ClientKeys keys, IOptions<InterviewOptions> options, TimeProvider clock,
    ISmsSender? sender = null)
{
    private readonly SmsOptions _sms = options.Value.Sms;

    public async Task<PhoneCheck> CheckForAsync(int interviewId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var required = await RequiredAsync(db, interviewId);
        return !required ? PhoneCheck.None : sender is null ? PhoneCheck.Unavailable : PhoneCheck.Required;
    }

    /// <summary>Sends a new code to <paramref name="phone"/> for a question in the session, within the limits.</summary>
    public async Task SendAsync(int interviewId, string? phone, string clientKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Interviews.Where(i => i.Id == interviewId)
            .Select(i => new { i.Status, Required = db.Columns.Where(c => c.Id == i.ColumnId).Select(c => c.RequiresPhoneVerification).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null || session.Status == InterviewStatus.Draft)
        {
            throw new NotFoundException(Text.SiteErrorCodes.PublicInterviewNotFound, interviewId);
        }
        if (!session.Required)
        {
            throw new ConflictException(Text.SiteErrorCodes.PhoneVerificationNotRequired);
        }
        if (session.Status is not (InterviewStatus.Scheduled or InterviewStatus.Live))
        {
            throw new ConflictException(Text.SiteErrorCodes.QuestionsClosed, new SessionState(session.Status));
        }
        var number = ValidNumber(phone);
        var verifier = sender ?? throw new ConflictException(Text.SiteErrorCodes.PhoneVerificationUnavailable);
        var now = clock.GetUtcNow();
        var phoneKey = PhoneKey(number);
        var hourAgo = now.AddHours(-1);
        var sentToNumber = await db.PhoneCodes.Where(c => c.PhoneKey == phoneKey && c.SentAt > hourAgo).Select(c => c.SentAt).ToListAsync(cancellationToken);
        var sentToClient = await db.PhoneCodes.CountAsync(c => c.ClientKey == clientKey && c.SentAt > hourAgo, cancellationToken);
        if (sentToNumber.Count >= _sms.CodesPerNumberPerHour || sentToClient >= _sms.CodesPerClientPerHour
            || sentToNumber.Any(at => at > now.AddSeconds(-_sms.SecondsBetweenCodes)))
        {
            throw new TooManyPhoneCodesException();
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        // Stored before it is sent: a send that fails still counts, so a failing gateway cannot be hammered. Codes
        // older than a day serve no limit any more and go.
        db.PhoneCodes.Add(PhoneCode.Send(phoneKey, clientKey, CodeHash(number, code), now, TimeSpan.FromMinutes(_sms.CodeMinutes)));
        await db.SaveChangesAsync(cancellationToken);
        var dayAgo = now.AddDays(-1);
        await db.PhoneCodes.Where(c => c.SentAt < dayAgo).ExecuteDeleteAsync(cancellationToken);
        await verifier.SendAsync(number, code, cancellationToken);
    }

    /// <summary>
    /// Spends the code that verifies <paramref name="phone"/> (already a valid number, or null) for one question, or
    /// refuses: no number, no code, a wrong one (counted), or one spent. Called by the intake once the question
    /// itself is known to be acceptable, so a refused question does not waste the code.
    /// </summary>
    public async Task SpendAsync(string? phone, string? code, string clientKey)
    {
        if (sender is null)
        {
            throw new ConflictException(Text.SiteErrorCodes.PhoneVerificationUnavailable);
        }
        var number = ValidNumber(phone);
        var given = code?.Trim() ?? "";
        if (given.Length == 0)
        {
            throw new DomainException(Text.SiteErrorCodes.PhoneCodeRequired);
        }
        await using var db = await contexts.CreateDbContextAsync();
        var phoneKey = PhoneKey(number);
        // The latest code sent to this number for this client: asking for a new one retires the earlier ones.
        var latest = await db.PhoneCodes.Where(c => c.PhoneKey == phoneKey && c.ClientKey == clientKey)
            .OrderByDescending(c => c.SentAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync();
        var check = latest?.Check(CodeHash(number, given), clock.GetUtcNow()) ?? PhoneCodeCheck.Spent;
        if (latest is not null)
        {
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request checked this code at the same moment: whichever saved first decided it.
                check = PhoneCodeCheck.Spent;
            }
        }
        switch (check)
        {
            case PhoneCodeCheck.Wrong:
                throw new DomainException(Text.SiteErrorCodes.PhoneCodeWrong, PhoneCode.MaxWrongTries - latest!.WrongTries);
            case PhoneCodeCheck.Spent:
                throw new DomainException(Text.SiteErrorCodes.PhoneCodeSpent);
        }
    }

    private static Task<bool> RequiredAsync(InterviewDbContext db, int interviewId) =>
        db.Interviews.Where(i => i.Id == interviewId)
            .Select(i => db.Columns.Where(c => c.Id == i.ColumnId).Select(c => c.RequiresPhoneVerification).FirstOrDefault())
            .FirstOrDefaultAsync();

    /// <summary>A mainland mobile: a landline, though fine for a call back, cannot receive the code.</summary>
    private static string ValidNumber(string? phone) =>
        QuestionIntake.ValidPhone(phone) is { Length: 11 } mobile && mobile[0] == '1' ? mobile : throw new DomainException(Text.SiteErrorCodes.PhoneRequired);

    // Keyed hashes (the client-key secret): without it, neither the number nor the six digits can be found by trying.
    private string PhoneKey(string number) => keys.For("phone:" + number);

    private string CodeHash(string number, string code) => keys.For($"sms-code:{number}:{code}");
}
