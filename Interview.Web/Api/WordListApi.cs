using Interview.Domain.Screening;
using Interview.Web.Screening;
using Interview.Web.Staff;

namespace Interview.Web.Api;

public sealed record NewWordListRequest(string? Name, int? ColumnId, string[]? Words);

/// <summary>The words to save and the version they were edited from (a stale version → 409).</summary>
public sealed record SaveWordListRequest(string[]? Words, int Version);

public sealed record WordListTestRequest(string? Text, int? ColumnId);

public sealed record PersonalDataHit(string Kind, int Start, int Length);

public sealed record WordListTestResponse(IReadOnlyList<WordMatch> Words, IReadOnlyList<PersonalDataHit> PersonalData, string Masked);

/// <summary>Sensitive-word lists for portals' IT teams (admin): read, create, save as a new version, history, test.</summary>
public static class WordListApi
{
    public static IEndpointRouteBuilder MapWordListApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/wordlists").WithTags("Word lists").RequireAuthorization(StaffPolicies.Admin)
            .AddEndpointFilter(StaffEndpoints.TranslateErrors);
        api.MapGet("", async (WordListAdmin lists, HttpContext http) =>
                Results.Ok(new ItemsResponse<WordListRow>(await lists.ListAsync(StaffEndpoints.Actor(http)))))
            .WithSummary("The word lists, global ones first, with version and word count (admin).");
        api.MapPost("", async (NewWordListRequest body, WordListAdmin lists, HttpContext http) =>
            {
                var list = await lists.CreateAsync(StaffEndpoints.Actor(http), body.Name, body.ColumnId, body.Words ?? []);
                return Results.Created($"/api/v1/wordlists/{list.Id}", list);
            })
            .WithSummary("Creates a list as version 1: global (no columnId) or for one column's sessions (admin).");
        api.MapGet("/{id:int}", async (int id, WordListAdmin lists, HttpContext http) =>
                Results.Ok(await lists.GetAsync(StaffEndpoints.Actor(http), id)))
            .WithSummary("A list with its current version and words (admin).");
        api.MapPut("/{id:int}", async (int id, SaveWordListRequest body, WordListAdmin lists, HttpContext http) =>
                Results.Ok(await lists.SaveAsync(StaffEndpoints.Actor(http), id, body.Words ?? [], body.Version)))
            .WithSummary("Replaces the words as a new version; send the version you edited (409 if someone saved since). Words are trimmed, repeats and empty lines dropped (admin).");
        api.MapGet("/{id:int}/revisions", async (int id, WordListAdmin lists, HttpContext http) =>
                Results.Ok(new ItemsResponse<WordListRevisionRow>(await lists.HistoryAsync(StaffEndpoints.Actor(http), id))))
            .WithSummary("The list's versions, newest first: who saved, when, words added and removed (admin).");
        api.MapGet("/{id:int}/revisions/{version:int}", async (int id, int version, WordListAdmin lists, HttpContext http) =>
                Results.Ok(await lists.RevisionAsync(StaffEndpoints.Actor(http), id, version)))
            .WithSummary("The words of one version (admin).");
        api.MapPost("/test", async (WordListTestRequest body, WordListAdmin lists, HttpContext http) =>
            {
                var report = await lists.TestAsync(StaffEndpoints.Actor(http), body.ColumnId, body.Text);
                return Results.Ok(new WordListTestResponse(report.Words,
                    [.. report.PersonalData.Select(p => new PersonalDataHit(JsonName(p.Kind), p.Start, p.Length))], report.Masked));
            })
            .WithSummary("What the global lists (and a column's, with columnId) would flag in a text, with spans, and the text as approval would mask it (admin).");
        return app;
    }

    private static string JsonName(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.IdCard => "idCard",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
