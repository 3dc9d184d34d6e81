using Interview.Domain.Questions;
using Interview.Web.Questions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Interview.Web.Api;

/// <summary>
/// <c>agreedToRules</c> is optional: absent, the question is taken as before (a portal with its own form shows its own
/// rules); <c>false</c> while the site has participation rules is refused (400), as the site's own form refuses it.
/// <c>code</c> is the SMS code sent to <c>phone</c>, needed where the column verifies askers' phones.
/// </summary>
public sealed record QuestionRequest(string? Nickname, string? Text, string? Phone, bool? AgreedToRules = null, string? Code = null);

/// <summary>The number a one-time code is to be sent to (columns that verify askers' phones).</summary>
public sealed record PhoneCodeRequest(string? Phone);

public sealed record ReceiptResponse(string Receipt);

/// <summary>An optional edited text; personal data is masked unless <c>keepPersonalData</c> is true.</summary>
public sealed record ApproveRequest(string? Text, bool KeepPersonalData = false);

public sealed record RejectRequest(string? ReasonCategory, string? Note);

public sealed record MergeRequest(int IntoQuestionId);

public sealed record BlockRequest(string? Reason, bool Global = false);
public sealed record UnblockRequest(bool Global = false);

public sealed record PhoneResponse(string? Phone);

public sealed record MeTooResponse(int Count);

/// <summary>
/// A receipt's state: <c>text</c> is the question as sent (personal data masked), <c>publishedText</c> the moderator's
/// wording when it differs, <c>answerText</c> the answer once there is one.
/// </summary>
public sealed record ReceiptStatus(
    string Status, string? ReasonCategory, string? MergedIntoUrl, string? AnswerUrl, string InterviewTitle, DateTimeOffset? FollowUpDueAt = null,
    string Text = "", string? PublishedText = null, string? AnswerText = null, bool SessionCancelled = false);

/// <summary>Citizens' questions (CONTRACT.md): submit with a receipt back, and look the receipt up. No account.</summary>
public static class QuestionApi
{
    /// <summary>The intake's collaborators: per-client limits live in the service, so they hold for every way in.</summary>
    public static IServiceCollection AddQuestionLimits(this IServiceCollection services) =>
        services.AddSingleton<ClientKeys>().AddSingleton<QuestionLimiter>().AddSingleton<QuestionWriter>().AddSingleton<MeToos>();

    public static IEndpointRouteBuilder MapQuestionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Questions").AllowAnonymous().AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapPost("/interviews/{id:int}/questions", Ask)
            .WithSummary("A citizen asks a question (nickname ≤ 20, text ≤ 500 characters, optional phone for staff follow-up only). 202 with the receipt; nothing is public before a moderator approves it. An Idempotency-Key header makes a repeated submit one question.");
        api.MapPost("/interviews/{id:int}/phone-codes", SendPhoneCode)
            .WithSummary("后台实名: sends a 6-digit code by SMS to a mainland mobile, for a question in a column that verifies askers' phones; the question then carries phone and code. 202; a bad number → 400; the column does not verify phones, questions are closed, or no SMS sender is configured → 409; too many codes for the number (1 a minute, 5 an hour) or the client (10 an hour) → 429; the gateway failed → 503.");
        api.MapGet("/receipts/{receipt}", Receipt).WithSummary("The state of a question by its receipt.");
        api.MapPost("/questions/{qid:int}/me-too", MeToo)
            .WithSummary("同问: adds the client's voice to an approved question (once per client; a repeat changes nothing, and the asker's own is the question). 200 with the count; a question that is not public → 404; a cancelled session → 409.");

        var staff = app.MapGroup("/api/v1").WithTags("Moderation").AddEndpointFilter(StaffEndpoints.TranslateErrors);
        staff.MapGet("/interviews/{id:int}/questions", Queue).RequireAuthorization(Staff.StaffPolicies.Questions)
            .WithSummary("The session's questions for moderators, admins and the session's hosts (other hosts get 403), oldest first; filter with status=pending|approved|rejected|merged|answered. Phone numbers and personal data in nickname and text are masked (see /questions/{qid}/phone and /questions/{qid}/unmasked).");
        staff.MapPost("/questions/{qid:int}/approve", Approve).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Approves a question, optionally with an edited text (the original is kept). Mobile and ID numbers and e-mail addresses in the published text are masked unless keepPersonalData is true. A question already decided → 409 naming that decision.");
        staff.MapPost("/questions/{qid:int}/reject", Reject).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Rejects a question with a reason category: duplicate, offTopic, personalData, abusive, other.");
        staff.MapPost("/questions/{qid:int}/merge", Merge).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Merges a duplicate into another question of the same session.");

        staff.MapPost("/questions/{qid:int}/block-sender", BlockSender).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Bars the sender of a question from asking again in its session (their later submissions get 403); with global: true (admins only) in every session. Audited.");
        staff.MapPost("/questions/{qid:int}/unblock-sender", UnblockSender).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Lifts the block on the sender of a question in its session; with global: true (admins only) the block in every session. Audited.");
        staff.MapGet("/questions/{qid:int}/phone", RevealPhone).RequireAuthorization(Staff.StaffPolicies.Sessions)
            .WithSummary("The full phone number the asker left for follow-up (admin, the session's hosts). Lists show it masked as 138****1234; every call here is audited.");
        staff.MapGet("/questions/{qid:int}/unmasked", RevealText).RequireAuthorization(Staff.StaffPolicies.Questions)
            .WithSummary("The nickname, text and original text as written, personal data unmasked (admin, moderator, the session's hosts). Lists show phone, ID and landline numbers and e-mail addresses masked; every call here is audited.");

        return app;
    }

    private static async Task<IResult> Ask(
        int id, QuestionRequest body, QuestionIntake intake, ClientKeys clients, Portal.PortalSettings portal, HttpContext http)
    {
        if (body.AgreedToRules == false && (await portal.CurrentAsync()).Rules is not null)
        {
            throw new Domain.DomainException(Text.SiteErrorCodes.RulesAgreementRequired);
        }
        var receipt = await intake.SubmitAsync(
            id, body.Nickname, body.Text, body.Phone, http.Request.Headers["Idempotency-Key"], clients.For(http.Connection.RemoteIpAddress), body.Code);
        return TypedResults.Accepted($"/api/v1/receipts/{receipt}", new ReceiptResponse(receipt));
    }

    private static async Task<IResult> SendPhoneCode(
        int id, PhoneCodeRequest body, Questions.Sms.PhoneVerification verification, ClientKeys clients, HttpContext http)
    {
        await verification.SendAsync(id, body.Phone, clients.For(http.Connection.RemoteIpAddress), http.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<Ok<MeTooResponse>> MeToo(int qid, MeToos meToos, ClientKeys clients, HttpContext http) =>
        TypedResults.Ok(new MeTooResponse(await meToos.AddAsync(qid, clients.For(http.Connection.RemoteIpAddress))));

    private static async Task<IResult> Queue(int id, string? status, Moderation moderation, HttpContext http)
    {
        QuestionStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = Enum.TryParse<QuestionStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)
                ? parsed
                : throw new Domain.DomainException(Text.SiteErrorCodes.UnknownQuestionStatus, status);
        }
        var items = await moderation.ListAsync(StaffEndpoints.Actor(http), id, wanted);
        return Results.Ok(new ItemsResponse<ModerationItem>(items));
    }

    private static async Task<IResult> Approve(int qid, ApproveRequest? body, Moderation moderation, HttpContext http)
    {
        await moderation.ApproveAsync(StaffEndpoints.Actor(http), qid, body?.Text, body?.KeepPersonalData ?? false);
        return Results.Ok();
    }

    private static async Task<IResult> Reject(int qid, RejectRequest body, Moderation moderation, HttpContext http)
    {
        if (!Enum.TryParse<RejectReason>(body.ReasonCategory, ignoreCase: true, out var reason) || int.TryParse(body.ReasonCategory, out _))
        {
            throw new Domain.DomainException(Text.SiteErrorCodes.RejectReasonRequired);
        }
        await moderation.RejectAsync(StaffEndpoints.Actor(http), qid, reason, body.Note);
        return Results.Ok();
    }

    private static async Task<IResult> Merge(int qid, MergeRequest body, Moderation moderation, HttpContext http)
    {
        await moderation.MergeAsync(StaffEndpoints.Actor(http), qid, body.IntoQuestionId);
        return Results.Ok();
    }

    private static async Task<IResult> BlockSender(int qid, BlockRequest? body, Moderation moderation, HttpContext http)
    {
        await moderation.BlockSenderAsync(StaffEndpoints.Actor(http), qid, body?.Reason, body?.Global ?? false);
        return Results.Ok();
    }

    private static async Task<IResult> UnblockSender(int qid, UnblockRequest? body, Moderation moderation, HttpContext http)
    {
        await moderation.UnblockSenderAsync(StaffEndpoints.Actor(http), qid, body?.Global ?? false);
        return Results.Ok();
    }

    private static async Task<IResult> RevealPhone(int qid, Moderation moderation, HttpContext http) =>
        Results.Ok(new PhoneResponse(await moderation.RevealPhoneAsync(StaffEndpoints.Actor(http), qid)));

    private static async Task<IResult> RevealText(int qid, Moderation moderation, HttpContext http) =>
        Results.Ok(await moderation.RevealTextAsync(StaffEndpoints.Actor(http), qid));

    private static async Task<Results<Ok<ReceiptStatus>, ProblemHttpResult>> Receipt(string receipt, QuestionIntake intake, Hosting.SiteTime time)
    {
        var view = await intake.ReceiptAsync(receipt);
        return view is null
            ? TypedResults.Problem(detail: Text.ErrorText.Word(Text.SiteErrorCodes.ReceiptNotFound), statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new ReceiptStatus(view.Status.ToString().ToLowerInvariant(),
                view.ReasonCategory is { } reason ? JsonName(reason) : null, view.MergedIntoUrl, view.AnswerUrl, view.InterviewTitle,
                time.Local(view.FollowUpDueAt), view.Text, view.PublishedText, view.AnswerText, view.SessionCancelled));
    }

    private static string JsonName(RejectReason reason) => reason switch
    {
        RejectReason.OffTopic => "offTopic",
        RejectReason.PersonalData => "personalData",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
