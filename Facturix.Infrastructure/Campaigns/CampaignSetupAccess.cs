using Facturix.Domain.Campaigns;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Campaigns;

/// <summary>The guards shared by the status-set and outcome services: who may read or configure a campaign's setup.</summary>
internal static class CampaignSetupAccess
{
    /// <summary>Any active actor who sees the campaign; otherwise not found.</summary>
    public static async Task<Campaign> ForReadAsync(FacturixDb db, Actor actor, Guid campaignId, CancellationToken ct)
    {
        actor.DemandActive();
        return await Scope.Campaigns(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
    }

    /// <summary>Configuring needs <see cref="Capability.CampaignsConfigure"/> and the campaign in scope (otherwise not found).</summary>
    public static async Task<Campaign> ForWriteAsync(FacturixDb db, Actor actor, Guid campaignId, CancellationToken ct)
    {
        actor.Demand(Capability.CampaignsConfigure);
        return await Scope.Campaigns(db, actor).AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, ct)
            ?? throw new NotFoundException("campaign", campaignId);
    }

    /// <summary>A refusal on one field of the form, for rules only the database can check.</summary>
    public static ValidationException Invalid(string property, string code, object? value = null) =>
        new([new ValidationFailure(property, code, value) { ErrorCode = code }]);

    /// <summary>The unique-index violation behind a lost race, by index name.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string indexName) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } pg
        && pg.ConstraintName == indexName;
}
