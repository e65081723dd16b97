using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Calls;

internal sealed class AircallSettingsService(
    IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock, AircallCredentials credentials, IValidator<AircallSettingsInput> validator)
    : IAircallSettingsService
{
    public async Task<AircallSettingsView> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.AircallSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == AircallSettings.SingletonId, ct);
        var configured = credentials.Configured;
        var apiFromConfig = !string.IsNullOrWhiteSpace(configured.ApiId) && !string.IsNullOrWhiteSpace(configured.ApiToken);
        var webhookFromConfig = !string.IsNullOrWhiteSpace(configured.WebhookToken);
        return new AircallSettingsView(
            string.IsNullOrWhiteSpace(configured.ApiId) ? stored?.ApiId : configured.ApiId,
            apiFromConfig || !string.IsNullOrEmpty(stored?.ApiTokenProtected),
            webhookFromConfig || !string.IsNullOrEmpty(stored?.WebhookTokenProtected),
            apiFromConfig, webhookFromConfig, stored?.UpdatedAt);
    }

    public async Task SaveAsync(Actor actor, AircallSettingsInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.UsersManage);
        await validator.ValidateAndThrowAsync(input, ct);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.AircallSettings.FirstOrDefaultAsync(s => s.Id == AircallSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = new AircallSettings();
            db.AircallSettings.Add(settings);
        }
        var before = new { settings.ApiId, ApiToken = Mark(settings.ApiTokenProtected), WebhookToken = Mark(settings.WebhookTokenProtected) };
        settings.ApiId = input.ApiId.Trim();
        // A blank secret keeps the stored one: the page never shows secrets, so it cannot send them back.
        if (!string.IsNullOrWhiteSpace(input.ApiToken)) settings.ApiTokenProtected = credentials.Protect(input.ApiToken.Trim());
        if (!string.IsNullOrWhiteSpace(input.WebhookToken)) settings.WebhookTokenProtected = credentials.Protect(input.WebhookToken.Trim());
        settings.UpdatedAt = now;
        settings.UpdatedById = actor.UserId;
        // The audit says which secret changed, never its value.
        db.Audit(actor, now, "aircall.settings-changed", "settings", null, "Aircall", before,
            after: new
            {
                settings.ApiId,
                ApiToken = string.IsNullOrWhiteSpace(input.ApiToken) ? before.ApiToken : "changed",
                WebhookToken = string.IsNullOrWhiteSpace(input.WebhookToken) ? before.WebhookToken : "changed",
            });
        await db.SaveChangesAsync(ct);
    }

    private static string Mark(string? secret) => string.IsNullOrEmpty(secret) ? "unset" : "set";
}
