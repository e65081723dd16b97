namespace Facturix.Domain.Common;

/// <summary>
/// A refusal a person should read about: it carries a stable <see cref="Code"/> that the App maps to a French or
/// English message (one place: <c>Shell/ErrorText</c>). The exception message is for logs only, in English.
/// Validation failures use FluentValidation's <c>ValidationException</c>, whose failures carry codes the same way.
/// </summary>
public abstract class FacturixException(string code, string logMessage, Exception? inner = null) : Exception(logMessage, inner)
{
    public string Code { get; } = code;
}
