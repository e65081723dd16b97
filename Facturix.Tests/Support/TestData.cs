using Facturix.Domain.Accounts;
using Facturix.Domain.Campaigns;
using Facturix.Domain.Leads;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Facturix.Tests.Support;

/// <summary>Builders for the rows a test needs, with sensible defaults so a test states only what matters.</summary>
public sealed class TestData(DatabaseFixture fixture)
{
    private int _counter;
    private Dictionary<string, Guid>? _roleIds;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public async Task<Actor> UserAsync(string role, string? email = null)
    {
        await using var db = fixture.NewDb();
        var user = await AddUserAsync(db, role, email);
        await db.SaveChangesAsync();
        return await ActorAsync(user.Id);
    }

    /// <summary>
    /// A user with <paramref name="role"/> added to <paramref name="db"/>, not saved: for a test that builds a whole cast per
    /// case and saves it in one round trip (the authorization matrix builds one per cell).
    /// </summary>
    public async Task<AppUser> AddUserAsync(FacturixDb db, string role, string? email = null)
    {
        var n = Interlocked.Increment(ref _counter);
        email ??= $"{role.ToLowerInvariant()}{n}@test.local";
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), DisplayName = $"{role} {n}", Email = email, UserName = email,
            NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = Now,
        };
        // The roles are seeded once and survive every reset: read once per test, again for a role the test has added since.
        if (_roleIds is null || !_roleIds.ContainsKey(role))
            _roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        db.Users.Add(user);
        db.UserRoles.Add(new() { UserId = user.Id, RoleId = _roleIds[role] });
        return user;
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
        var account = NewAccount(name);
        await using var db = fixture.NewDb();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>An account row with the defaults, not saved (see <see cref="AddUserAsync"/>).</summary>
    public Account NewAccount(string? name = null) => new()
    {
        Id = Guid.CreateVersion7(), Name = name ?? $"Client {Interlocked.Increment(ref _counter)}",
        CreatedAt = Now, UpdatedAt = Now,
    };

    public async Task<Campaign> CampaignAsync(Account account, CampaignState state = CampaignState.Active, params Actor[] assignees)
    {
        var campaign = NewCampaign(account, state);
        await using var db = fixture.NewDb();
        db.Campaigns.Add(campaign);
        db.CampaignAssignments.AddRange(assignees.Select(a =>
            new CampaignAssignment { CampaignId = campaign.Id, UserId = a.UserId, AssignedAt = Now }));
        await db.SaveChangesAsync();
        return campaign;
    }

    /// <summary>A campaign row of <paramref name="account"/> with the defaults, not saved (see <see cref="AddUserAsync"/>).</summary>
    public Campaign NewCampaign(Account account, CampaignState state = CampaignState.Active) => new()
    {
        Id = Guid.CreateVersion7(), AccountId = account.Id, Name = $"Campagne {Interlocked.Increment(ref _counter)}",
        State = state, CreatedAt = Now, UpdatedAt = Now,
    };

    public async Task<IReadOnlyList<Lead>> LeadsAsync(Campaign campaign, int count, LeadStatus status = LeadStatus.New)
    {
        var leads = NewLeads(campaign, count, status);
        await using var db = fixture.NewDb();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads;
    }

    /// <summary>Lead rows of <paramref name="campaign"/> with the defaults, not saved (see <see cref="AddUserAsync"/>).</summary>
    public IReadOnlyList<Lead> NewLeads(Campaign campaign, int count, LeadStatus status = LeadStatus.New) =>
        Enumerable.Range(0, count).Select(i => new Lead
        {
            Id = Guid.CreateVersion7(), CampaignId = campaign.Id, AccountId = campaign.AccountId, Status = status,
            FirstName = "Camille", LastName = $"Martin {i}", Company = $"Société {i}",
            Email = $"contact{Interlocked.Increment(ref _counter)}@example.fr", Phone = "+33612345678",
            CreatedAt = Now, UpdatedAt = Now,
        }).ToList();

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
