using Interview.Domain;
using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Interview.Web.Live;
using Interview.Web.Public;

namespace Interview.Web.Events;

/// <summary>
/// Tells the consoles and the audience (<see cref="IEventBus"/>) what a committed transaction changed, from what the
/// aggregates recorded: each thing once, entries first (in the order published), then the consoles' news.
/// </summary>
public sealed class Announcements(IEventBus bus, PublicCatalog catalog, Hosting.InterviewMetrics metrics, ILogger<Announcements> logger)
{
    public async Task AnnounceAsync(IReadOnlyList<IDomainEvent> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        try
        {
            await AnnounceAllAsync(committed);
        }
        catch (Exception e)
        {
            // The change is committed: failing the caller now would report a saved change as lost.
            logger.LogError(e, "Committed, but what it changed could not be announced.");
        }
    }

    private async Task AnnounceAllAsync(IReadOnlyList<IDomainEvent> committed)
    {
        var entries = new List<(int InterviewId, int Seq)>();
        var unlinked = new List<EntryView>();
        var news = new List<LiveEvent>();
        // An answer published to a question tells the consoles itself (its entry names the question).
        var answeredByEntry = committed.OfType<EntryAppended>().Select(e => e.Entry.QuestionId).OfType<int>().ToHashSet();
        foreach (var happened in committed)
        {
            Count(happened);
            switch (happened)
            {
                case QuestionAnswered { Question.Id: var answered } when answeredByEntry.Contains(answered):
                    break;
                case EntryAppended { Entry: var entry } when PublicCatalog.UnlinkedView(entry) is { } view:
                    unlinked.Add(view);
                    break;
                case EntryAppended { Entry: var entry }:
                    entries.Add((entry.InterviewId, entry.Seq));
                    break;
                case EntryCorrected { Entry: var entry }:
                    entries.Add((entry.InterviewId, entry.Seq));
                    break;
                default:
                    news.AddRange(News(happened));
                    break;
            }
        }
        var read = await ViewsAsync(entries.Distinct().ToList());
        // In the order published (by change number), those built from memory and those read back together.
        foreach (var view in unlinked.Select(v => new EntryPublished(v.InterviewId, v)).Concat(read).OrderBy(p => p.Entry.Change))
        {
            await PublishAsync(view);
        }
        foreach (var liveEvent in news.Distinct().OrderBy(Rank))
        {
            await PublishAsync(liveEvent);
        }
    }

    private static IEnumerable<LiveEvent> News(IDomainEvent happened)
    {
        switch (happened)
        {
            case SessionStatusChanged changed:
                yield return new StatusChanged(changed.Session.Id, changed.To);
                break;
            case ReviewSwitched switched:
                yield return new DeskChanged(switched.Session.Id);
                break;
            case DraftChanged changed:
                yield return new DraftsChanged(changed.Draft.InterviewId);
                break;
            case QuestionSubmitted submitted:
                yield return new QuestionsChanged(submitted.Question.InterviewId);
                break;
            case QuestionDecided { Question: var question }:
                yield return new QuestionsChanged(question.InterviewId);
                if (question.Status == QuestionStatus.Approved)
                {
                    yield return new QuestionApproved(question.InterviewId, question.Id, question.Nickname, question.Text);
                }
                break;
            case QuestionAnswered answered:
                yield return new DeskChanged(answered.Question.InterviewId);
                break;
            case SenderBlocked { Block.InterviewId: { } blockedIn }:
                // A block in every session changes no one session's queue enough to announce it everywhere.
                yield return new QuestionsChanged(blockedIn);
                break;
            case ScreenPinned pinned:
                yield return new ScreenChanged(pinned.Screen.InterviewId);
                break;
        }
    }

    /// <summary>What the operators' figures count (README "Operations"): only what was committed.</summary>
    private void Count(IDomainEvent happened)
    {
        switch (happened)
        {
            case EntryAppended:
                metrics.EntryPublished();
                break;
            case QuestionSubmitted:
                metrics.QuestionReceived();
                break;
            case QuestionDecided { Question.Status: var decision }:
                metrics.QuestionDecided(decision);
                break;
        }
    }

    /// <summary>The order a console expects: the queue changed before the approved question shows, drafts last.</summary>
    private static int Rank(LiveEvent liveEvent) => liveEvent switch
    {
        StatusChanged => 0,
        QuestionsChanged => 1,
        QuestionApproved => 2,
        DeskChanged => 3,
        _ => 4,
    };

    /// <summary>The public views of the entries, read once per session from the first one on.</summary>
    private async Task<IEnumerable<EntryPublished>> ViewsAsync(IReadOnlyList<(int InterviewId, int Seq)> entries)
    {
        var published = new List<EntryPublished>();
        foreach (var session in entries.GroupBy(e => e.InterviewId))
        {
            var seqs = session.Select(e => e.Seq).ToList();
            // Rehearsals too: their consoles, and viewers who joined with the private link, follow them like any session.
            var views = await catalog.EntriesAsync(session.Key, seqs.Min() - 1, pass: Pass.Site) ?? [];
            published.AddRange(seqs.Select(seq => views.FirstOrDefault(v => v.Seq == seq)).OfType<EntryView>()
                .Select(view => new EntryPublished(session.Key, view)));
        }
        return published;
    }

    private async Task PublishAsync(LiveEvent liveEvent)
    {
        try
        {
            await bus.PublishAsync(liveEvent);
        }
        catch (Exception e)
        {
            // One event that could not go out must not keep the others back.
            logger.LogError(e, "Committed, but the {Event} of session {InterviewId} could not be announced.",
                liveEvent.GetType().Name, liveEvent.InterviewId);
        }
    }
}
