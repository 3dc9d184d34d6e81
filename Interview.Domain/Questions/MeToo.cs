using Interview.Domain.Interviews;

namespace Interview.Domain.Questions;

/// <summary>
/// 同问: one client adding their voice to an approved question ("I want to ask this too"), so that the host can put the
/// questions most people share first. One per client and question (a repeat changes nothing); the asker's own voice is
/// the question itself. A duplicate merged into a question brings its asker's voice, and the voices it had, along.
/// </summary>
public sealed class MeToo : Entity
{
    private MeToo()
    {
    }

    public long Id { get; private set; }
    public int QuestionId { get; private set; }
    /// <summary>Who, keyed like <see cref="Question.ClientKey"/> (a keyed hash, never an address).</summary>
    public string ClientKey { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public static MeToo Add(int questionId, string clientKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        return new MeToo { QuestionId = questionId, ClientKey = clientKey, At = now };
    }

    /// <summary>Whether the public may join a question they can see (<see cref="Question.IsPublic"/>) in a session in this state: not once it is cancelled.</summary>
    public static bool Allowed(InterviewStatus session) => session.IsPublic() && session != InterviewStatus.Cancelled;

    /// <summary>
    /// The voices <paramref name="survivor"/> gains when <paramref name="duplicate"/> is merged into it: the duplicate's
    /// asker and the clients who had joined the duplicate, less those the survivor has already (its asker among them).
    /// </summary>
    public static IEnumerable<string> Carried(Question duplicate, IEnumerable<string> duplicateVoices, Question survivor, IEnumerable<string> survivorVoices)
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        ArgumentNullException.ThrowIfNull(survivor);
        var present = new HashSet<string>(survivorVoices, StringComparer.Ordinal);
        if (survivor.ClientKey is { } asker)
        {
            present.Add(asker);
        }
        // A duplicate without a client key (made before keys existed) still counts as one voice of its own.
        var brought = duplicateVoices.Prepend(duplicate.ClientKey ?? $"question/{duplicate.Id}");
        return brought.Where(present.Add).ToList();
    }
}
