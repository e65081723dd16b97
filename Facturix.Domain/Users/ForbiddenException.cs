namespace Facturix.Domain.Users;

/// <summary>Thrown by a service when the actor may not do what was asked. The UI shows a localized message.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
