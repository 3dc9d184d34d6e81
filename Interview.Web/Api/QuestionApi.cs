using System.Threading.RateLimiting;
using Interview.Domain.Questions;
using Interview.Web.Questions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Interview.Web.Api;

public sealed record QuestionRequest(string? Nickname, string? Text, string? Phone);

public sealed record ReceiptResponse(string Receipt);

/// <summary>An optional edited text; personal data is masked unless <c>keepPersonalData</c> is true.</summary>
public sealed record ApproveRequest(string? Text, bool KeepPersonalData = false);

public sealed record RejectRequest(string? ReasonCategory, string? Note);

public sealed record MergeRequest(int IntoQuestionId);

public sealed record ReceiptStatus(string Status, string? ReasonCategory, string? MergedIntoUrl, string? AnswerUrl, string InterviewTitle);

/// <summary>Citizens' questions (CONTRACT.md): submit with a receipt back, and look the receipt up. No account.</summary>
public static class QuestionApi
{
    public const string Policy = "questions";

    /// <summary>Per-client token buckets: a flood from one address gets 429; everyone else is unaffected.</summary>
    public static IServiceCollection AddQuestionLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                const string message = "提问太频繁了，请稍等一分钟再提交。";
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                if (context.HttpContext.Request.HasFormContentType)
                {
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync($"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>请稍后再试</title><p>{message}</p><p><a href=\"/\">返回首页</a></p></html>", token);
                    return;
                }
                await response.WriteAsJsonAsync(new { status = 429, detail = message }, token);
            };
            o.AddPolicy(Policy, http =>
            {
                var perMinute = Math.Max(1, http.RequestServices.GetRequiredService<IOptions<InterviewOptions>>().Value.Limits.QuestionsPerClientPerMinute);
                return RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });

    public static IEndpointRouteBuilder MapQuestionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Questions").AllowAnonymous().AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapPost("/interviews/{id:int}/questions", Ask).RequireRateLimiting(Policy)
            .WithSummary("A citizen asks a question (nickname ≤ 20, text ≤ 500 characters, optional phone for staff follow-up only). 202 with the receipt; nothing is public before a moderator approves it. An Idempotency-Key header makes a repeated submit one question.");
        api.MapGet("/receipts/{receipt}", Receipt).WithSummary("The state of a question by its receipt.");

        var staff = app.MapGroup("/api/v1").WithTags("Moderation").AddEndpointFilter(StaffEndpoints.TranslateErrors);
        staff.MapGet("/interviews/{id:int}/questions", Queue).RequireAuthorization(Staff.StaffPolicies.Questions)
            .WithSummary("The session's questions for moderators and hosts, oldest first; filter with status=pending|approved|rejected|merged|answered.");
        staff.MapPost("/questions/{qid:int}/approve", Approve).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Approves a question, optionally with an edited text (the original is kept). Mobile and ID numbers and e-mail addresses in the published text are masked unless keepPersonalData is true. A question already decided → 409 naming that decision.");
        staff.MapPost("/questions/{qid:int}/reject", Reject).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Rejects a question with a reason category: duplicate, offTopic, personalData, abusive, other.");
        staff.MapPost("/questions/{qid:int}/merge", Merge).RequireAuthorization(Staff.StaffPolicies.Moderate)
            .WithSummary("Merges a duplicate into another question of the same session.");

        // The page's form (works without script); antiforgery is checked because it binds the form.
        app.MapPost("/interviews/{id:int}/questions", AskFromForm).RequireRateLimiting(Policy).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Ask(int id, QuestionRequest body, QuestionIntake intake, HttpContext http)
    {
        var receipt = await intake.SubmitAsync(id, body.Nickname, body.Text, body.Phone, http.Request.Headers["Idempotency-Key"]);
        return TypedResults.Accepted($"/api/v1/receipts/{receipt}", new ReceiptResponse(receipt));
    }

    private static async Task<IResult> Queue(int id, string? status, Moderation moderation, HttpContext http)
    {
        QuestionStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            wanted = Enum.TryParse<QuestionStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _)
                ? parsed
                : throw new Domain.DomainException($"未知的状态「{status}」：可用 pending、approved、rejected、merged、answered。");
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
            throw new Domain.DomainException("请选择未采用的原因：duplicate、offTopic、personalData、abusive、other。");
        }
        await moderation.RejectAsync(StaffEndpoints.Actor(http), qid, reason, body.Note);
        return Results.Ok();
    }

    private static async Task<IResult> Merge(int qid, MergeRequest body, Moderation moderation, HttpContext http)
    {
        await moderation.MergeAsync(StaffEndpoints.Actor(http), qid, body.IntoQuestionId);
        return Results.Ok();
    }

    private static async Task<IResult> AskFromForm(
        int id, [Microsoft.AspNetCore.Mvc.FromForm] string? nickname, [Microsoft.AspNetCore.Mvc.FromForm] string? text,
        [Microsoft.AspNetCore.Mvc.FromForm] string? phone, [Microsoft.AspNetCore.Mvc.FromForm] string? key,
        [Microsoft.AspNetCore.Mvc.FromForm] string? website, QuestionIntake intake)
    {
        if (!string.IsNullOrEmpty(website))
        {
            // A bot filled the hidden field: thank it and store nothing.
            return Results.Redirect($"/interviews/{id}");
        }
        try
        {
            var receipt = await intake.SubmitAsync(id, nickname, text, phone, key);
            return Results.Redirect($"/receipts/{receipt}?new=true");
        }
        catch (Domain.DomainException e)
        {
            return Results.Redirect($"/interviews/{id}?askError={Uri.EscapeDataString(e.Message)}#ask");
        }
    }

    private static async Task<Results<Ok<ReceiptStatus>, ProblemHttpResult>> Receipt(string receipt, QuestionIntake intake)
    {
        var view = await intake.ReceiptAsync(receipt);
        return view is null
            ? TypedResults.Problem(detail: "没有这个回执号，请核对后再查。", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new ReceiptStatus(view.Status.ToString().ToLowerInvariant(),
                view.ReasonCategory is { } reason ? JsonName(reason) : null, view.MergedIntoUrl, view.AnswerUrl, view.InterviewTitle));
    }

    private static string JsonName(RejectReason reason) => reason switch
    {
        RejectReason.OffTopic => "offTopic",
        RejectReason.PersonalData => "personalData",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
