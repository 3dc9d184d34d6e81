using Interview.Domain.Interviews;
using Interview.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Interview.Web.Search;

/// <summary>
/// What a pending save may change in the index, read from the change tracker before saving: per session, whether it
/// is (or becomes) published, which entries are new or corrected, which questions changed, and whether the session's
/// own text (title, summary, guests) changed.
/// </summary>
internal sealed class SearchChanges
{
    private static readonly string[] SessionTextProperties =
        [nameof(InterviewSession.Title), nameof(InterviewSession.SummaryMarkdown), nameof(InterviewSession.BackgroundMarkdown), nameof(InterviewSession.Status)];

    private readonly Dictionary<int, Session> _sessions = [];

    public bool IsEmpty => _sessions.Count == 0;

    public IEnumerable<KeyValuePair<int, Session>> Sessions => _sessions;

    public static SearchChanges Of(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var changes = new SearchChanges();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            switch (entry.Entity)
            {
                case InterviewSession session when entry.State == EntityState.Modified:
                    var changed = changes.For(session.Id);
                    changed.Tracked = session;
                    changed.SessionText |= SessionTextProperties.Any(p => entry.Property(p).IsModified);
                    break;
                case Guest guest:
                    changes.For(guest.InterviewId).SessionText = true;
                    break;
                case TranscriptEntry transcriptEntry when entry.State is EntityState.Added or EntityState.Modified:
                    var forEntry = changes.For(transcriptEntry.InterviewId);
                    forEntry.Entries.Add(transcriptEntry.Seq);
                    if (transcriptEntry is { Kind: EntryKind.Question, QuestionId: { } asked })
                    {
                        // Asked in the transcript: the entry carries the question from now on.
                        forEntry.AskedQuestions.Add(asked);
                    }
                    break;
                case Question question when entry.State is EntityState.Added or EntityState.Modified:
                    changes.For(question.InterviewId).TrackedQuestions.Add(question);
                    break;
            }
        }
        return changes;
    }

    private Session For(int interviewId)
    {
        if (!_sessions.TryGetValue(interviewId, out var session))
        {
            _sessions[interviewId] = session = new Session();
        }
        return session;
    }

    internal sealed class Session
    {
        public InterviewSession? Tracked { get; set; }
        public bool SessionText { get; set; }
        public HashSet<int> Entries { get; } = [];
        public HashSet<int> AskedQuestions { get; } = [];
        public List<Question> TrackedQuestions { get; } = [];

        /// <summary>Whether the session is published after the save, when the context holds it; null: ask the database.</summary>
        public bool? Published => Tracked is { } session ? session.Status == InterviewStatus.Published && !session.IsRehearsal : null;

        /// <summary>The questions to index again (their ids exist once saved).</summary>
        public IEnumerable<int> Questions() => TrackedQuestions.Select(q => q.Id).Concat(AskedQuestions).Distinct();
    }
}
