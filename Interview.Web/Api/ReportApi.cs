using Interview.Domain.Reports;
using Interview.Web.Questions;
using Interview.Web.Reports;

namespace Interview.Web.Api;

/// <summary>A report (投诉举报) on one entry (<c>seq</c>) or one approved question (<c>questionId</c>) of a session.</summary>
public sealed record ReportRequest(int? Seq, int? QuestionId, string? Reason, string? Details);

/// <summary>Citizens' reports by API, as by the session page's form: no account, a receipt back.</summary>
public static class ReportApi
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reports").AllowAnonymous().AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapPost("/interviews/{id:int}/reports", Report)
            .WithSummary("A citizen reports a published entry (seq) or an approved question (questionId): reason illegal|privacy|untrue|spam|other, optional details ≤ 300 characters (personal data masked). 201 with the receipt; the page /reports/{receipt} shows the outcome.");
        return app;
    }

    private static async Task<IResult> Report(int id, ReportRequest body, ReportIntake intake, ClientKeys clients, HttpContext http)
    {
        if (!Enum.TryParse<ReportReason>(body.Reason, ignoreCase: true, out var reason) || !Enum.IsDefined(reason) || int.TryParse(body.Reason, out _))
        {
            throw new Domain.DomainException(Text.SiteErrorCodes.ReportReasonRequired);
        }
        var receipt = await intake.SubmitAsync(id, body.Seq, body.QuestionId, reason, body.Details, clients.For(http.Connection.RemoteIpAddress));
        return TypedResults.Created(Public.PublicUrls.ReportReceipt(receipt), new ReceiptResponse(receipt));
    }
}
