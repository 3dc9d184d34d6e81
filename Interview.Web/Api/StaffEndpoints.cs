using Interview.Domain;
using Interview.Web.Admin;
using Interview.Web.Staff;
using Interview.Web.Text;

namespace Interview.Web.Api;

/// <summary>What every staff endpoint shares: who is calling, and how refusals become problem responses.</summary>
public static class StaffEndpoints
{
    public static StaffActor Actor(HttpContext http) => http.User.Actor(http.Connection.RemoteIpAddress?.ToString());

    /// <summary>Turns the services' refusals into problem responses, worded in the request's culture (Text/ErrorText).</summary>
    public static async ValueTask<object?> TranslateErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StaffForbiddenException e)
        {
            return Failure(StatusCodes.Status403Forbidden, ErrorText.Of(e));
        }
        catch (NotFoundException e)
        {
            return Failure(StatusCodes.Status404NotFound, ErrorText.Of(e));
        }
        catch (ConflictException e)
        {
            return Failure(StatusCodes.Status409Conflict, ErrorText.Of(e));
        }
        catch (Questions.TooManyQuestionsException e)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return Failure(StatusCodes.Status429TooManyRequests, ErrorText.Of(e));
        }
        catch (Reports.TooManyReportsException e)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return Failure(StatusCodes.Status429TooManyRequests, ErrorText.Of(e));
        }
        catch (Questions.Sms.TooManyPhoneCodesException e)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return Failure(StatusCodes.Status429TooManyRequests, ErrorText.Of(e));
        }
        catch (Questions.Sms.SmsNotSentException e)
        {
            return Failure(StatusCodes.Status503ServiceUnavailable, ErrorText.Of(e));
        }
        catch (TooManySignInsException e)
        {
            return TooMany(context.HttpContext, e.RetryAfter);
        }
        catch (Questions.ClientBlockedException e)
        {
            return Failure(StatusCodes.Status403Forbidden, ErrorText.Of(e));
        }
        catch (DomainException e)
        {
            return Failure(StatusCodes.Status400BadRequest, ErrorText.Of(e));
        }
    }

    /// <summary>429 with Retry-After in whole seconds, for a client address that failed to sign in too often.</summary>
    public static IResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Failure(StatusCodes.Status429TooManyRequests, ErrorText.Of(new TooManySignInsException(retryAfter)));
    }

    public static IResult Failure(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
