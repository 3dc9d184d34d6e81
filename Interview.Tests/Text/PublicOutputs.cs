using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;

namespace Interview.Tests.Text;

/// <summary>
/// Reads every public output where published text goes (pages, API, search, feed, sitemap, downloads) and holds that
/// none answers with a 5xx; what a test wrote is named in code points when one does, since the text itself may not
/// print.
/// </summary>
public sealed class PublicOutputs(HttpClient client)
{
    private int _requests;

    /// <summary>How many requests were made (safe to call from parallel searches).</summary>
    public int Requests => _requests;

    /// <summary>A published session: its page (both modes), the API, the Markdown and the snapshot; all 200.</summary>
    public async Task SessionAsync(int id, string what)
    {
        foreach (var path in new[]
        {
            $"/interviews/{id}", $"/interviews/{id}?mode=text", $"/api/v1/interviews/{id}", $"/api/v1/interviews/{id}/entries",
            $"/interviews/{id}/transcript.md", $"/interviews/{id}/snapshot.html",
        })
        {
            await OkAsync(path, what);
        }
    }

    /// <summary>A column: its page, widget and RSS (which must parse as XML), and the site-wide lists; all 200.</summary>
    public async Task ColumnAsync(string slug, string what)
    {
        foreach (var path in new[] { $"/columns/{slug}", $"/embed/columns/{slug}", "/", "/api/v1/columns", "/sitemap.xml" })
        {
            await OkAsync(path, what);
        }
        var feed = await OkAsync($"/columns/{slug}/feed.xml", what);
        XDocument.Parse(feed);
    }

    /// <summary>Searches for <paramref name="query"/> through the API (and the page); never a 5xx.</summary>
    public async Task SearchAsync(string query, bool page = true)
    {
        foreach (var path in page ? ["/api/v1/search?q=", "/search?q="] : new[] { "/api/v1/search?q=" })
        {
            var response = await GetAsync(path + Escape(query));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {path}{Show(query)}");
        }
    }

    public async Task<string> OkAsync(string path, string what)
    {
        var response = await GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {path} with {what}");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        Interlocked.Increment(ref _requests);
        return await client.GetAsync(path);
    }

    /// <summary>
    /// Percent-encodes the UTF-8 of <paramref name="text"/>, a lone surrogate as the three bytes a careless client
    /// sends for it (Uri.EscapeDataString would make it U+FFFD first, sparing the server the test).
    /// </summary>
    public static string Escape(string text)
    {
        var bytes = new List<byte>(text.Length * 3);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            }
            else if (char.IsSurrogate(text[i]))
            {
                int c = text[i];
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        var escaped = new StringBuilder(bytes.Count * 3);
        foreach (var b in bytes)
        {
            escaped.Append(char.IsAsciiLetterOrDigit((char)b) ? (char)b : $"%{b:X2}");
        }
        return escaped.ToString();
    }

    /// <summary>The text as UTF-16 units in hex (FFFE 0041 D800 …), short enough for a failure message.</summary>
    public static string Show(string text)
    {
        var shown = string.Join(' ', text.Take(40).Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)));
        return $"«{shown}{(text.Length > 40 ? " …" : "")}»";
    }
}
