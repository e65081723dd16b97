namespace Facturix.Domain.Common;

/// <summary>An entity does not exist or is outside the actor's scope (we never reveal which).</summary>
public sealed class NotFoundException(string entity, Guid id)
    : FacturixException(ErrorCodes.NotFound, $"{entity} {id} was not found.")
{
    public string Entity { get; } = entity;
    public Guid Id { get; } = id;
}
