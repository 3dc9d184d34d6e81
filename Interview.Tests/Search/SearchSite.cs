using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Tests.Support;
using Interview.Web.Admin;
using Interview.Web.Data;
using Interview.Web.Live;
using Interview.Web.Questions;
using Interview.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Interview.Tests.Search;

/// <summary>
/// A site without demo data where tests make sessions through the staff services (so that publishing goes through
/// the same code as in the consoles and the API) and search through the public API.
/// </summary>
public class SearchSite : StaffSite
{
    public SearchSite() => With("Interview:SeedDemoData", "false");

    public async Task<StaffActor> AdminAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(AdminEmail))!;
        return new StaffActor(admin.Id, AdminEmail, "127.0.0.1");
    }

    public async Task<int> ColumnAsync(string name, string slug) =>
        (await Services.GetRequiredService<ColumnAdmin>().CreateAsync(await AdminAsync(), new ColumnEdit(name, slug, null, 0))).Id;

    /// <summary>A session with guests, moved to Live (citizens' questions can be asked before, while Scheduled).</summary>
    public async Task<int> SessionAsync(
        int columnId, string title, string summary, DateTimeOffset start, params (string Name, string Position, string Organization)[] guests)
    {
        var admin = await AdminAsync();
        var sessions = Services.GetRequiredService<InterviewAdmin>();
        var session = await sessions.CreateAsync(admin, new NewInterview(columnId, title, summary, start, start.AddHours(1),
            guests.Select(g => new GuestEdit(g.Name, g.Position, g.Organization, null)).ToList()));
        await sessions.TransitionAsync(admin, session.Id, InterviewStatus.Scheduled);
        return session.Id;
    }

    public async Task MoveAsync(int id, params InterviewStatus[] states)
    {
        var admin = await AdminAsync();
        foreach (var state in states)
        {
            await Services.GetRequiredService<InterviewAdmin>().TransitionAsync(admin, id, state);
        }
    }

    public async Task<int> GuestIdAsync(int id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        return await db.Guests.Where(g => g.InterviewId == id).Select(g => g.Id).FirstAsync();
    }

    /// <summary>Publishes an entry (a guest's answer when <paramref name="kind"/> is Guest); returns its seq.</summary>
    public async Task<int> PublishAsync(int id, string markdown, EntryKind kind = EntryKind.Host, int? questionId = null)
    {
        int? guestId = kind is EntryKind.Guest ? await GuestIdAsync(id) : null;
        var outcome = await Services.GetRequiredService<LivePublisher>()
            .PublishAsync(await AdminAsync(), id, new EntryRequest(kind, markdown, guestId, questionId));
        return outcome.Entry!.Seq;
    }

    public async Task CorrectAsync(int id, int seq, string markdown) =>
        await Services.GetRequiredService<LivePublisher>().CorrectAsync(await AdminAsync(), id, seq, markdown, "更正");

    /// <summary>A citizen's question, pending; returns its id.</summary>
    public async Task<int> AskAsync(int id, string text)
    {
        var receipt = await Services.GetRequiredService<QuestionIntake>().SubmitAsync(id, "测试网友", text, null, null, $"search-test-{Guid.NewGuid():N}");
        await using var db = await Services.GetRequiredService<IDbContextFactory<InterviewDbContext>>().CreateDbContextAsync();
        return await db.Questions.Where(q => q.Receipt == receipt).Select(q => q.Id).SingleAsync();
    }

    public async Task ApproveAsync(int questionId) =>
        await Services.GetRequiredService<Moderation>().ApproveAsync(await AdminAsync(), questionId, null);

    public async Task MergeAsync(int questionId, int intoQuestionId) =>
        await Services.GetRequiredService<Moderation>().MergeAsync(await AdminAsync(), questionId, intoQuestionId);

    public async Task RejectAsync(int questionId) =>
        await Services.GetRequiredService<Moderation>().RejectAsync(await AdminAsync(), questionId, RejectReason.OffTopic, null);

    /// <summary>GET /api/v1/search with a query string (q already escaped by the caller or plain).</summary>
    public async Task<HttpResponseMessage> SearchResponseAsync(string query)
    {
        using var client = CreateClient();
        return await client.GetAsync("/api/v1/search?" + query);
    }

    public async Task<JsonElement> SearchAsync(string q, string extra = "")
    {
        var response = await SearchResponseAsync("q=" + Uri.EscapeDataString(q) + extra);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>())!;
    }

    /// <summary>Every result of a search, page after page.</summary>
    public async Task<List<JsonElement>> SearchAllAsync(string q, string sort = "newest", string extra = "")
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var result = await SearchAsync(q, $"&sort={sort}&page={page}{extra}");
            var batch = result.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(batch);
            if (batch.Count < result.GetProperty("pageSize").GetInt32())
            {
                return items;
            }
        }
    }

    /// <summary>The public text of every entry of a session, by seq, as the entries API gives it.</summary>
    public async Task<Dictionary<int, string>> EntryTextsAsync(int id)
    {
        using var client = CreateClient();
        var entries = await client.GetFromJsonAsync<JsonElement>($"/api/v1/interviews/{id}/entries");
        return entries.GetProperty("items").EnumerateArray()
            .ToDictionary(e => e.GetProperty("seq").GetInt32(), e => e.GetProperty("text").GetString()!);
    }
}

/// <summary>
/// The tests' own idea of "contains", written apart from the engine: NFKC, lower case, spaces / zero-width
/// characters / combining marks dropped, and every run of other non-letter, non-digit characters one break.
/// </summary>
public static partial class Oracle
{
    public static string Fold(string text)
    {
        var folded = text.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        folded = Ignored().Replace(folded, "");
        return Breaks().Replace(folded, "|").Trim('|');
    }

    /// <summary>Whether every word of the query (spaces separate words, quotes group them) is in the text.</summary>
    public static bool Matches(string text, string query)
    {
        var folded = Fold(text);
        return Words(query).All(w => folded.Contains(Fold(w), StringComparison.Ordinal));
    }

    private static IEnumerable<string> Words(string query)
    {
        var parts = query.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            var words = i % 2 == 1 ? [parts[i]] : parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words.Where(w => Fold(w).Length > 0))
            {
                yield return word;
            }
        }
    }

    [GeneratedRegex(@"[\p{Zs}\t\p{Cf}\p{M}]")]
    private static partial Regex Ignored();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\p{Nl}\p{No}]+")]
    private static partial Regex Breaks();
}
