namespace Interview.Domain.Questions;

/// <summary>A citizen's question arrived for moderation.</summary>
public sealed record QuestionSubmitted(Question Question) : IDomainEvent;

/// <summary>A moderator approved (perhaps edited), rejected or merged the question.</summary>
public sealed record QuestionDecided(Question Question) : IDomainEvent;

/// <summary>The question was answered (or marked answered by the host).</summary>
public sealed record QuestionAnswered(Question Question) : IDomainEvent;

/// <summary>A moderator barred a sender from asking again in the session.</summary>
public sealed record SenderBlocked(ClientBlock Block) : IDomainEvent;
