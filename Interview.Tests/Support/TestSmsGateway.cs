using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Interview.Tests.Support;

/// <summary>
/// An SMS gateway on a free 127.0.0.1 port (HttpListener): it records every message it is sent (the Authorization
/// header, phone and text) and answers <see cref="Status"/>.
/// </summary>
public sealed class TestSmsGateway : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public TestSmsGateway()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/sms/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public ConcurrentQueue<(string? Authorization, string Phone, string Text)> Messages { get; } = new();

    /// <summary>The six digits of the last message sent to <paramref name="phone"/>.</summary>
    public string LastCodeFor(string phone) =>
        System.Text.RegularExpressions.Regex.Match(Messages.Last(m => m.Phone == phone).Text, "[0-9]{6}").Value;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using (var body = JsonDocument.Parse(context.Request.InputStream))
            {
                Messages.Enqueue((context.Request.Headers["Authorization"], body.RootElement.GetProperty("phone").GetString()!,
                    body.RootElement.GetProperty("text").GetString()!));
            }
            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
