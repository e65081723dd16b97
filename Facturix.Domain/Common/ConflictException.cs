namespace Facturix.Domain.Common;

/// <summary>
/// The write lost a race: <see cref="ErrorCodes.Concurrency"/> when someone else changed the record since it was
/// read (the form keeps what was typed and asks to reload), or another conflict code a service defines.
/// </summary>
public sealed class ConflictException(string code, string logMessage, Exception? inner = null)
    : FacturixException(code, logMessage, inner)
{
    public static ConflictException Concurrency(string entity, Guid id, Exception? inner = null) =>
        new(ErrorCodes.Concurrency, $"{entity} {id} was changed by someone else.", inner);
}
