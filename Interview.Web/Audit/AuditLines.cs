using Interview.Domain.Audit;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Domain.Screening;
using Interview.Web.Data;
using Interview.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace Interview.Web.Audit;

/// <summary>What an audit line's target names: a session, a citizen's question, a staff member, a column, a word list.</summary>
public enum AuditTargetKind
{
    Other,
    Interview,
    Question,
    Staff,
    Column,
    WordList,
}

/// <summary>The target of a line by name (<see cref="Detail"/>: a question's words, shortened), or null where nothing matches.</summary>
public sealed record AuditTargetName(AuditTargetKind Kind, string Name, string Detail = "");

/// <summary>
/// One audit line as a person reads it: the actor by display name (null for the site itself), the target by name, the
/// rejection reason or the lifecycle move the details hold; <see cref="Entry"/> keeps the raw line, shown on demand.
/// </summary>
public sealed record AuditLine(
    AuditEntry Entry, string? Actor, AuditTargetName? Target, RejectReason? Reason = null,
    (InterviewStatus From, InterviewStatus To)? Move = null)
{
    public bool Succeeded => Entry.Outcome == AuditTrail.Ok;
}

/// <summary>
/// Turns a page of the audit log into <see cref="AuditLine"/>s: one query per kind of target (and one for the people)
/// for the whole page, never one per line. The stored lines stay as they were written.
/// </summary>
public sealed class AuditLines(IDbContextFactory<InterviewDbContext> contexts, StaffNames staff)
{
    public const int ExcerptLength = 30;

    public async Task<IReadOnlyList<AuditLine>> NameAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var targets = entries.Select(e => Parse(e.Target)).ToList();
        List<int> Ids(AuditTargetKind kind) =>
            [.. targets.Where(t => t.Kind == kind && int.TryParse(t.Id, out _)).Select(t => int.Parse(t.Id, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];
        var people = await staff.LookUpAsync(
            entries.Select(e => e.Actor).Concat(targets.Where(t => t.Kind == AuditTargetKind.Staff).Select(t => t.Id)), cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var interviewIds = Ids(AuditTargetKind.Interview);
        var titles = await db.Interviews.AsNoTracking().Where(i => interviewIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Title }).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var questionIds = Ids(AuditTargetKind.Question);
        var questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Nickname, q.Text }).ToDictionaryAsync(q => q.Id, cancellationToken);
        var columnIds = Ids(AuditTargetKind.Column);
        var columns = await db.Columns.AsNoTracking().Where(c => columnIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var listIds = Ids(AuditTargetKind.WordList);
        var lists = await db.WordLists.AsNoTracking().Where(w => listIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Name }).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);

        AuditTargetName? Name((AuditTargetKind Kind, string Id) target)
        {
            var id = int.TryParse(target.Id, out var number) ? number : 0;
            return target.Kind switch
            {
                AuditTargetKind.Interview when titles.TryGetValue(id, out var title) => new(target.Kind, title),
                // Masked as the moderation console shows them: the audit page is no way around the masking.
                AuditTargetKind.Question when questions.TryGetValue(id, out var q) =>
                    new(target.Kind, PersonalData.Mask(q.Nickname), Excerpt(PersonalData.Mask(q.Text))),
                AuditTargetKind.Staff when people.Knows(target.Id) => new(target.Kind, people.Of(target.Id)),
                AuditTargetKind.Column when columns.TryGetValue(id, out var column) => new(target.Kind, column),
                AuditTargetKind.WordList when lists.TryGetValue(id, out var list) => new(target.Kind, list),
                _ => null,
            };
        }

        return entries.Select((e, i) => new AuditLine(
            e, people.Knows(e.Actor) ? people.Of(e.Actor) : e.Actor == StaffActor.System.Email ? null : e.Actor,
            Name(targets[i]), ReasonOf(e), MoveOf(e))).ToList();
    }

    /// <summary>"interview/3" → (Interview, "3"); anything else → Other.</summary>
    private static (AuditTargetKind Kind, string Id) Parse(string target)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return (AuditTargetKind.Other, target);
        }
        var kind = target[..slash] switch
        {
            "interview" => AuditTargetKind.Interview,
            "question" => AuditTargetKind.Question,
            "staff" => AuditTargetKind.Staff,
            "column" => AuditTargetKind.Column,
            "wordlist" => AuditTargetKind.WordList,
            _ => AuditTargetKind.Other,
        };
        return (kind, target[(slash + 1)..]);
    }

    private static string Excerpt(string text) =>
        text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";

    /// <summary>A rejection's details begin with its reason's code ("OffTopic: note").</summary>
    private static RejectReason? ReasonOf(AuditEntry e) =>
        e.Action == "question.reject" && Enum.TryParse<RejectReason>(e.Details.Split(':')[0], out var reason)
        && Enum.IsDefined(reason) ? reason : null;

    /// <summary>A lifecycle move's details: "draft -> scheduled" (ending adds "; 2 follow-ups").</summary>
    private static (InterviewStatus, InterviewStatus)? MoveOf(AuditEntry e)
    {
        if (e.Action != "interview.transition")
        {
            return null;
        }
        var parts = e.Details.Split(';')[0].Split("->", StringSplitOptions.TrimEntries);
        return parts.Length == 2 && Enum.TryParse<InterviewStatus>(parts[0], true, out var from) && Enum.TryParse<InterviewStatus>(parts[1], true, out var to)
            && !int.TryParse(parts[0], out _) && !int.TryParse(parts[1], out _)
            ? (from, to)
            : null;
    }
}
