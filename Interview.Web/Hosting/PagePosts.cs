using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;

namespace Interview.Web.Hosting;

/// <summary>
/// Posts to pages (Razor components) are forms or nothing. Blazor reads the form of any POST it handles and throws on
/// what it cannot read (a JSON body, a form past the size or field limits), which would be a 500: here such a post is
/// answered 415 or 400 before it reaches the page. Error and not-found pages, re-executed for a failed POST, are
/// rendered as for a GET: they have no form to read.
/// </summary>
public sealed class PagePosts(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            request.Method = HttpMethods.Get;
            await next(context);
            return;
        }
        if (!request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        try
        {
            // Read once here; the form is kept on the request for the antiforgery check and the page.
            await request.ReadFormAsync(context.RequestAborted);
        }
        // Past the limits (InvalidDataException), malformed (IOException from a multipart body that ends early), too big.
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            context.Response.StatusCode = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    }
}
