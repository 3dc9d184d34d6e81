namespace Interview.Domain.Interviews;

// What happens to a session and its transcript. The events carry the entity, not its id: a new one has its id only
// once saved, and the events are read after the save.

/// <summary>The session moved along its lifecycle.</summary>
public sealed record SessionStatusChanged(InterviewSession Session, InterviewStatus From, InterviewStatus To) : IDomainEvent;

/// <summary>Two-key review was switched on or off.</summary>
public sealed record ReviewSwitched(InterviewSession Session) : IDomainEvent;

/// <summary>An entry was published as the session's next one.</summary>
public sealed record EntryAppended(TranscriptEntry Entry) : IDomainEvent;

/// <summary>A published entry was corrected (same seq).</summary>
public sealed record EntryCorrected(TranscriptEntry Entry) : IDomainEvent;

/// <summary>A draft under two-key review was submitted, revised, approved or sent back.</summary>
public sealed record DraftChanged(EntryDraft Draft) : IDomainEvent;
