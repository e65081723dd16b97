using Facturix.Domain.Accounts;
using Facturix.Domain.Audit;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Accounts;

internal sealed class AccountService(
    IDbContextFactory<FacturixDb> dbFactory,
    IValidator<AccountInput> validator,
    TimeProvider clock) : IAccountService
{
    public async Task<Guid> CreateAsync(Actor actor, AccountInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.AccountsManage);
        await validator.ValidateAndThrowAsync(input, ct);

        var now = clock.GetUtcNow();
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            Name = input.Name.Trim(),
            Industry = input.Industry?.Trim(),
            Website = input.Website?.Trim(),
            Siren = string.IsNullOrWhiteSpace(input.Siren) ? null : input.Siren,
            City = input.City?.Trim(),
            Country = input.Country,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Accounts.Add(account);
        if (!actor.HasAgencyScope)
        {
            // A manager scoped to their accounts would otherwise lose sight of the account they just created.
            db.AccountAssignments.Add(new AccountAssignment { AccountId = account.Id, UserId = actor.UserId, AssignedAt = now });
            db.Publish(new AccessChanged(actor.UserId));
        }
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = now, ActorId = actor.UserId, Action = "account.created",
            EntityType = "account", EntityId = account.Id,
        });
        db.Publish(new AccountChanged(account.Id));
        await db.SaveChangesAsync(ct);
        return account.Id;
    }
}
