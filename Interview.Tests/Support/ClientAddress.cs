namespace Interview.Tests.Support;

/// <summary>Stands in for different client addresses on the test server (InterviewFactory reads X-Test-Client).</summary>
public sealed class ClientAddress(string address) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Test-Client", address);
        return base.SendAsync(request, cancellationToken);
    }
}
