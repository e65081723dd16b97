namespace Facturix.App.Localization;

/// <summary>
/// Marker for the messages a person reads when something is refused: one entry per stable code, whether a service
/// threw it (<c>ErrorCodes</c>: "forbidden", "conflict.concurrency"...) or a validator rule carries it
/// ("account.name.required"). <c>ErrorStrings.resx</c> is French (neutral), <c>ErrorStrings.en.resx</c> English.
/// Only <c>Shell/ErrorText</c> reads it, so codes map to words in one place. Placeholders are FluentValidation's
/// named ones (<c>{MaxLength}</c>, <c>{MinLength}</c>, <c>{ComparisonValue}</c>, <c>{PropertyValue}</c>...).
/// </summary>
public sealed class ErrorStrings;
