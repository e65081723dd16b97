namespace Facturix.Domain.Common;

/// <summary>Thrown when an entity does not exist or is outside the actor's scope (we never reveal which).</summary>
public sealed class NotFoundException(string entity, Guid id) : Exception($"{entity} {id} was not found.")
{
    public string Entity { get; } = entity;
    public Guid Id { get; } = id;
}
