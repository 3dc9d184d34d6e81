namespace Interview.Domain;

/// <summary>A rule of the product was broken; the message says which, in words fit for the person who tried.</summary>
public class DomainException(string message) : Exception(message);
