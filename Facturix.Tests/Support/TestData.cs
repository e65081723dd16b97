using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Support;

/// <summary>Builders for the rows a test needs, with sensible defaults so a test states only what matters.</summary>
public sealed class TestData(DatabaseFixture fixture)
{
    private int _counter;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public async Task<Actor> UserAsync(string role, string? email = null)
    {
        var n = Interlocked.Increment(ref _counter);
        email ??= $"{role.ToLowerInvariant()}{n}@test.local";
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), DisplayName = $"{role} {n}", Email = email, UserName = email,
            NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = Now,
        };
        await using var db = fixture.NewDb();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.Users.Add(user);
        db.UserRoles.Add(new() { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return await ActorAsync(user.Id);
    }

    /// <summary>A live server-side session of <paramref name="userId"/> (the row only; its ticket is not readable), for session rules.</summary>
    public async Task<Guid> SessionAsync(Guid userId)
    {
        var now = fixture.Clock.GetUtcNow();
        var session = new Facturix.Infrastructure.Users.Sessions.AuthSession
        {
            Id = Guid.CreateVersion7(), UserId = userId, Ticket = [0], CreatedAt = now, LastSeenAt = now,
            ExpiresAt = now.AddMinutes(30), AbsoluteExpiresAt = now.AddHours(12), ClientIp = "192.0.2.7", UserAgent = "test",
        };
        await using var db = fixture.NewDb();
        db.AuthSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>The actor as the app resolves it (roles, capabilities, scope), re-read now: call again after changing access.</summary>
    public async Task<Actor> ActorAsync(Guid userId) =>
        await fixture.Services.GetRequiredService<IActorResolver>().ResolveAsync(userId)
        ?? throw new InvalidOperationException($"No user {userId}.");

    /// <summary>Makes <paramref name="user"/> responsible for <paramref name="account"/> (how managers are scoped); returns the re-resolved actor.</summary>
    public async Task<Actor> AssignAccountAsync(Actor user, Account account)
    {
        await using (var db = fixture.NewDb())
        {
            db.AccountAssignments.Add(new AccountAssignment { AccountId = account.Id, UserId = user.UserId, AssignedAt = Now });
            await db.SaveChangesAsync();
        }
        return await ActorAsync(user.UserId);
    }

    public async Task<Account> AccountAsync(string? name = null)
    {
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Name = name ?? $"Client {Interlocked.Increment(ref _counter)}",
            CreatedAt = Now, UpdatedAt = Now,
        };
        await using var db = fixture.NewDb();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task<Campaign> CampaignAsync(Account account, CampaignState state = CampaignState.Active, params Actor[] assignees)
    {
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(), AccountId = account.Id, Name = $"Campagne {Interlocked.Increment(ref _counter)}",
            State = state, CreatedAt = Now, UpdatedAt = Now,
        };
        await using var db = fixture.NewDb();
        db.Campaigns.Add(campaign);
        db.CampaignAssignments.AddRange(assignees.Select(a =>
            new CampaignAssignment { CampaignId = campaign.Id, UserId = a.UserId, AssignedAt = Now }));
        await db.SaveChangesAsync();
        return campaign;
    }

    public async Task<IReadOnlyList<Lead>> LeadsAsync(Campaign campaign, int count, LeadStatus status = LeadStatus.New)
    {
        var leads = Enumerable.Range(0, count).Select(i => new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId, Status = status,
            FirstName = "Camille", LastName = $"Martin {i}", Company = $"Société {i}",
            Email = $"contact{Interlocked.Increment(ref _counter)}@example.fr", Phone = "+33612345678",
            CreatedAt = Now, UpdatedAt = Now,
        }).ToList();
        await using var db = fixture.NewDb();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads;
    }

    /// <summary>One of the campaign's statuses (a new campaign here has none): the board's columns, in <paramref name="order"/>.</summary>
    public async Task<CampaignStatus> CampaignStatusAsync(Campaign campaign, string label, LeadStatus stage, int order)
    {
        var status = new CampaignStatus
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Key = label.ToLowerInvariant(), Label = label, Stage = stage, SortOrder = order,
        };
        await using var db = fixture.NewDb();
        db.CampaignStatuses.Add(status);
        await db.SaveChangesAsync();
        return status;
    }
}
