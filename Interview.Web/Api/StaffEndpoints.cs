using Interview.Domain;
using Interview.Web.Admin;
using Interview.Web.Staff;

namespace Interview.Web.Api;

/// <summary>What every staff endpoint shares: who is calling, and how refusals become problem responses.</summary>
public static class StaffEndpoints
{
    public static StaffActor Actor(HttpContext http) => http.User.Actor(http.Connection.RemoteIpAddress?.ToString());

    /// <summary>Turns the services' refusals into problem responses with their Chinese messages.</summary>
    public static async ValueTask<object?> TranslateErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StaffForbiddenException e)
        {
            return Failure(StatusCodes.Status403Forbidden, e.Message);
        }
        catch (NotFoundException e)
        {
            return Failure(StatusCodes.Status404NotFound, e.Message);
        }
        catch (ConflictException e)
        {
            return Failure(StatusCodes.Status409Conflict, e.Message);
        }
        catch (Questions.TooManyQuestionsException e)
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return Failure(StatusCodes.Status429TooManyRequests, e.Message);
        }
        catch (TooManySignInsException e)
        {
            return TooMany(context.HttpContext, e.RetryAfter);
        }
        catch (Questions.ClientBlockedException e)
        {
            return Failure(StatusCodes.Status403Forbidden, e.Message);
        }
        catch (DomainException e)
        {
            return Failure(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>429 with Retry-After in whole seconds, for a client address that failed to sign in too often.</summary>
    public static IResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Failure(StatusCodes.Status429TooManyRequests, new TooManySignInsException(retryAfter).Message);
    }

    public static IResult Failure(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
