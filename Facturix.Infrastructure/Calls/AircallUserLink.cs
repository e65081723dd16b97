using Facturix.Domain.Calls;
using Facturix.Domain.Common;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Calls;

internal sealed class AircallUserLink(IDbContextFactory<FacturixDb> dbFactory, TimeProvider clock) : IAircallUserLink
{
    public async Task<long?> GetAsync(Actor actor, CancellationToken ct = default)
    {
        actor.DemandActive();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.AircallUserId).FirstOrDefaultAsync(ct);
    }

    public async Task SetAsync(Actor actor, long? aircallUserId, CancellationToken ct = default)
    {
        actor.DemandActive();
        if (aircallUserId is <= 0)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("AircallUserId", "")
                { ErrorCode = AircallErrors.UserIdInvalid }]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (aircallUserId is { } id && await db.Users.AnyAsync(u => u.AircallUserId == id && u.Id != actor.UserId, ct))
            throw new ConflictException(AircallErrors.UserIdTaken, $"Aircall user {id} is linked to someone else.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct) ?? throw new NotFoundException("user", actor.UserId);
        if (user.AircallUserId == aircallUserId) return;
        var before = user.AircallUserId;
        user.AircallUserId = aircallUserId;
        // Whose phone rings and whose calls land on which leads: worth a line in the log.
        db.Audit(actor, clock.GetUtcNow(), "user.aircall-linked", "user", user.Id, user.Email,
            before: new { AircallUserId = before }, after: new { AircallUserId = aircallUserId });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Refusals.IsUniqueViolation(e, UniqueIndex))
        {
            // Someone else linked the same Aircall user between our check and our write: the same refusal as the check's.
            throw new ConflictException(AircallErrors.UserIdTaken, $"Aircall user {aircallUserId} was linked to someone else meanwhile.", e);
        }
    }

    /// <summary>The unique index on <c>aircall_user_id</c>: one person per Aircall user.</summary>
    internal const string UniqueIndex = "ix_asp_net_users_aircall_user_id";
}
