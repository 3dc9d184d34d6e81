namespace Interview.Tests.Support.Servers;

/// <summary>Waits for a server's condition (listening, healthy, gone) without sleeping a fixed time.</summary>
public static class ServerWait
{
    /// <summary>A server on a busy 2-core CI machine may take this long to start.</summary>
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Polls <paramref name="condition"/> every 50 ms until it holds; after <paramref name="timeout"/> throws
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> and, when given, what <paramref name="detail"/> says
    /// (the server's log). An exception from the condition counts as "not yet".
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? detail = null)
    {
        var until = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                last = e;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}." +
                    (last is null ? "" : $" Last error: {last.Message}") + (detail is null ? "" : $"\n{detail()}"));
            }
            await Task.Delay(50);
        }
    }

    /// <summary>True when GET <paramref name="url"/> answers 200.</summary>
    public static async Task<bool> AnswersOkAsync(HttpClient client, Uri url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }
}
