namespace Interview.Domain;

/// <summary>Something that happened to an aggregate, recorded by it and told to others only once it is saved.</summary>
public interface IDomainEvent;

/// <summary>
/// An entity that records what happened to it (as dotnet/eShop's <c>Entity</c>): the save that stores the change reads
/// the events, and they are announced after its transaction commits. The events are not stored.
/// </summary>
public abstract class Entity
{
    private List<IDomainEvent>? _domainEvents;

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents ?? (IReadOnlyCollection<IDomainEvent>)[];

    public void ClearDomainEvents() => _domainEvents?.Clear();

    protected void AddDomainEvent(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        (_domainEvents ??= []).Add(domainEvent);
    }
}
