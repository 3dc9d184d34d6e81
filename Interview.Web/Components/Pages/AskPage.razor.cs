using Interview.Web.Admin;
using Interview.Web.Public;
using Interview.Web.Questions;
using Interview.Web.Staff;
using Interview.Web.Text;
using Microsoft.AspNetCore.Components;

namespace Interview.Web.Components.Pages;

/// <summary>The ask page's handling of the question form's posts: a question, or (columns that verify phones) a code request.</summary>
public partial class AskPage
{
    private InterviewDetail? _interview;
    private QuestionDraft? _draft;
    private string? _error;
    private QuestionFieldErrors _fieldErrors = QuestionFieldErrors.None;
    private bool _codeSent;

    [Parameter] public int Id { get; set; }
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    // The fields keep the names of the public API's body (nickname, text, phone).
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "nickname")] private string? Nickname { get; set; }
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "text")] private string? Text { get; set; }
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "phone")] private string? Phone { get; set; }
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "key")] private string? Key { get; set; }
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "website")] private string? Website { get; set; }
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "agreed")] private string? Agreed { get; set; }
    // The SMS code, and which submit button was pressed: "send-code" asks for a code and brings the form back.
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "code")] private string? Code { get; set; }
    [SupplyParameterFromForm(FormName = QuestionForm.FormName, Name = "action")] private string? Action { get; set; }

    private QuestionDraft Draft => _draft ?? QuestionDraft.Empty();

    protected override async Task OnInitializedAsync()
    {
        _interview = await Catalog.InterviewAsync(Id);
        if (_interview is null)
        {
            Navigation.NotFound();
        }
    }

    private async Task SubmitAsync()
    {
        // Whatever happens below, a re-rendered form shows what was typed (and keeps its key: one question per form).
        var client = Clients.For(HttpContext.Connection.RemoteIpAddress);
        _draft = new QuestionDraft(Nickname, Text, Phone, Key is { Length: > 0 and <= 64 } key ? key : QuestionDraft.KeyOf(client, Nickname, Text), Agreed == "true");
        // The session page's form is the same for everyone (a shared cache may have served it): it has no token, and the
        // browser's word that the post came from this site's page stands in for one (Hosting/SameOrigin).
        if (!await Antiforgery.IsRequestValidAsync(HttpContext) && !Site.Proves(HttpContext.Request))
        {
            Refuse(StatusCodes.Status400BadRequest, L["AskExpired"]);
            return;
        }
        if (!string.IsNullOrEmpty(Website))
        {
            // A bot filled the hidden field: thank it and store nothing.
            Navigation.NavigateTo(PublicUrls.Interview(Id));
            return;
        }
        if (Action == "send-code")
        {
            await SendCodeAsync();
            return;
        }
        var rulesSet = (await Portal.CurrentAsync()).Rules is not null;
        if (QuestionFieldErrors.Check(Nickname, Text, _draft.Agreed, rulesSet) is { Any: true } errors)
        {
            // Each message goes beside its field and the focus to the first; the summary says the same once, as an alert.
            _fieldErrors = errors;
            Refuse(StatusCodes.Status400BadRequest, L["AskFieldsRefused", errors.Summary]);
            return;
        }
        string receipt;
        try
        {
            receipt = await Intake.SubmitAsync(Id, Nickname, Text, Phone, _draft.Key, client, Code);
        }
        catch (TooManyQuestionsException e)
        {
            HttpContext.Response.Headers.RetryAfter = "60";
            Refuse(StatusCodes.Status429TooManyRequests, ErrorText.Of(e));
            return;
        }
        catch (ConflictException e)
        {
            // The session ended (or was cancelled) while they typed: say so, and let them copy what they wrote.
            Refuse(StatusCodes.Status409Conflict, ErrorText.Of(e) + L["AskKeptBelow"]);
            return;
        }
        catch (NotFoundException)
        {
            Navigation.NotFound();
            return;
        }
        catch (ClientBlockedException e)
        {
            Refuse(StatusCodes.Status403Forbidden, ErrorText.Of(e));
            return;
        }
        catch (Interview.Domain.DomainException e)
        {
            _fieldErrors = QuestionFieldErrors.Of(e);
            Refuse(StatusCodes.Status400BadRequest, ErrorText.Of(e));
            return;
        }
        Navigation.NavigateTo($"/receipts/{receipt}?new=true");
    }

    private async Task SendCodeAsync()
    {
        try
        {
            await Verification.SendAsync(Id, Phone, Clients.For(HttpContext.Connection.RemoteIpAddress), HttpContext.RequestAborted);
            _codeSent = true;
            return;
        }
        catch (NotFoundException)
        {
            Navigation.NotFound();
            return;
        }
        catch (Interview.Domain.DomainException e)
        {
            var status = e switch
            {
                Interview.Web.Questions.Sms.TooManyPhoneCodesException => StatusCodes.Status429TooManyRequests,
                Interview.Web.Questions.Sms.SmsNotSentException => StatusCodes.Status503ServiceUnavailable,
                ConflictException => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            _fieldErrors = QuestionFieldErrors.Of(e);
            Refuse(status, ErrorText.Of(e));
        }
    }

    private void Refuse(int status, string message)
    {
        HttpContext.Response.StatusCode = status;
        _error = message;
    }
}
