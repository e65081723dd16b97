using FluentValidation;

namespace Facturix.Domain.Calls;

/// <summary>What an admin types on the Aircall settings page. A blank token keeps the stored one.</summary>
public sealed class AircallSettingsInput
{
    public string ApiId { get; set; } = "";
    public string? ApiToken { get; set; }
    public string? WebhookToken { get; set; }
}

public sealed class AircallSettingsInputValidator : AbstractValidator<AircallSettingsInput>
{
    public const int MaxLength = 200;

    public AircallSettingsInputValidator()
    {
        RuleFor(i => i.ApiId).NotEmpty().WithErrorCode("aircall.api-id.required")
            .MaximumLength(MaxLength).WithErrorCode("aircall.api-id.too-long");
        RuleFor(i => i.ApiToken).MaximumLength(MaxLength).WithErrorCode("aircall.api-token.too-long");
        RuleFor(i => i.WebhookToken).MaximumLength(MaxLength).WithErrorCode("aircall.webhook-token.too-long");
    }
}

/// <summary>What the settings page shows: never the secrets, only whether they are set and where from.</summary>
public sealed record AircallSettingsView(
    string? ApiId, bool HasApiToken, bool HasWebhookToken, bool ApiFromConfiguration, bool WebhookFromConfiguration, DateTimeOffset? UpdatedAt);
