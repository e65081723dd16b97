using Facturix.Domain.Common;
using Facturix.Domain.Dashboard;
using Facturix.Domain.Dashboard.Goals;
using Facturix.Domain.LiveEvents;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Audit;
using Facturix.Infrastructure.Dashboard.Pieces;
using Facturix.Infrastructure.Database;
using Facturix.Infrastructure.Users;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Infrastructure.Dashboard.Goals;

/// <summary>
/// Goals per BD, campaign or account (backlog 2.1.7, 2.5.4). Managers (<see cref="Capability.AnalyticsTeam"/>) set them on
/// subjects in their scope: a person of <see cref="Scope.Users"/>, a campaign of <see cref="Scope.Campaigns"/>, an account of
/// <see cref="Scope.Accounts"/>; a goal whose subject is out of scope is not found. Progress comes from the daily rollup
/// (<see cref="GoalAchievement"/>), the pace from <see cref="GoalPace"/>.
/// </summary>
internal sealed class GoalService(
    IDbContextFactory<FacturixDb> dbFactory, IValidator<GoalInput> validator, TimeProvider clock, DashboardPieces pieces) : IGoalService
{
    public async Task<IReadOnlyList<GoalProgress>> GetCurrentAsync(Actor actor, MetricsScope scope, CancellationToken ct = default)
    {
        actor.DemandActive();
        if (scope == MetricsScope.Team) actor.Demand(Capability.AnalyticsTeam);
        var today = AgencyDays.Today(clock);
        // Which goals this actor sees, and every current goal, are kept until access or goals change; what they achieved
        // comes from the campaigns' pieces (docs/decisions/0064): no statement per dashboard reload.
        var visible = await pieces.VisibleGoalsAsync(actor, scope, today);
        if (visible.Count == 0) return [];
        var goals = (await pieces.CurrentGoalsAsync(today)).Where(g => visible.Contains(g.Goal.Id)).ToList();
        var achieved = await GoalAchievement.ReadAsync(pieces, goals.ConvertAll(g => g.Goal), today);

        return goals
            .Select(current =>
            {
                var g = current.Goal;
                var period = GoalPeriods.Range(g.PeriodUnit, g.PeriodStart);
                var standing = GoalPace.Evaluate(g.Target, achieved[g.Id], period, today);
                return new GoalProgress(g.Id, g.SubjectKind, g.SubjectId, current.SubjectName, g.Metric, g.PeriodUnit,
                    period.From, period.To, g.Target, achieved[g.Id], standing.NeededPerDay, standing.OnTrack, g.Version);
            })
            .OrderBy(p => p.SubjectKind).ThenBy(p => p.SubjectName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(p => p.Metric).ThenBy(p => p.PeriodUnit)
            .ToList();
    }

    public async Task<IReadOnlyList<GoalSubjectChoice>> ListBdsAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bds = await Scope.Users(db, actor)
            .Where(u => u.DeactivatedAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.BusinessDeveloper)))
            .Select(u => new GoalSubjectChoice(u.Id, u.DisplayName))
            .ToListAsync(ct);
        return bds.OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    public async Task<Guid> CreateAsync(Actor actor, GoalInput input, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        await validator.ValidateAndThrowAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subjectName = await SubjectInScopeAsync(db, actor, input.SubjectKind, input.SubjectId, ct);
        await RefuseDuplicateAsync(db, input, null, ct);

        var now = clock.GetUtcNow();
        var goal = new Goal { Id = Guid.CreateVersion7(now), CreatedById = actor.UserId, CreatedAt = now, UpdatedAt = now };
        Apply(goal, input);
        db.Goals.Add(goal);
        db.Audit(actor, now, "goal.created", "goal", goal.Id, subjectName, after: Snapshot(goal));
        db.Publish(await ChangedAsync(db, goal.Id, goal.SubjectKind, goal.SubjectId, ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Refusals.IsUniqueViolation(ex, UniqueIndex))
        {
            throw Duplicate(); // the same goal saved by someone else since our check
        }
        return goal.Id;
    }

    public async Task UpdateAsync(Actor actor, Guid goalId, GoalInput input, uint version, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        await validator.ValidateAndThrowAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var goal = await FindAsync(db, actor, goalId, ct);
        var subjectName = await SubjectInScopeAsync(db, actor, input.SubjectKind, input.SubjectId, ct);
        await RefuseDuplicateAsync(db, input, goalId, ct);

        var before = Snapshot(goal);
        var oldSubject = (goal.SubjectKind, goal.SubjectId);
        // The version the dialog was read at: someone else's save since then matches no row and ends in a conflict.
        db.Entry(goal).Property(g => g.Version).OriginalValue = version;
        Apply(goal, input);
        var now = clock.GetUtcNow();
        goal.UpdatedAt = now;
        db.Audit(actor, now, "goal.updated", "goal", goal.Id, subjectName, before, Snapshot(goal));
        db.Publish(await ChangedAsync(db, goal.Id, goal.SubjectKind, goal.SubjectId, ct));
        if (oldSubject != (goal.SubjectKind, goal.SubjectId))
            db.Publish(await ChangedAsync(db, goal.Id, oldSubject.SubjectKind, oldSubject.SubjectId, ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.Concurrency("goal", goalId, ex);
        }
        catch (DbUpdateException ex) when (Refusals.IsUniqueViolation(ex, UniqueIndex))
        {
            throw Duplicate();
        }
    }

    public async Task DeleteAsync(Actor actor, Guid goalId, CancellationToken ct = default)
    {
        actor.Demand(Capability.AnalyticsTeam);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var goal = await FindAsync(db, actor, goalId, ct);
        var subjectName = await SubjectInScopeAsync(db, actor, goal.SubjectKind, goal.SubjectId, ct);

        db.Goals.Remove(goal);
        db.Audit(actor, clock.GetUtcNow(), "goal.deleted", "goal", goal.Id, subjectName, before: Snapshot(goal));
        db.Publish(await ChangedAsync(db, goal.Id, goal.SubjectKind, goal.SubjectId, ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted by someone else meanwhile: gone either way, but say so rather than pretend.
            throw new NotFoundException("goal", goalId);
        }
    }

    /// <summary>
    /// Mine: the actor's own goals and those of the campaigns and accounts they work on (assigned to them directly, not
    /// through agency-wide scope). Team: every goal whose subject is in the actor's scope.
    /// </summary>
    internal static IQueryable<Goal> Visible(FacturixDb db, Actor actor, MetricsScope scope)
    {
        if (scope == MetricsScope.Team) return InScope(db, actor);
        var me = actor.UserId;
        var myCampaigns = db.Campaigns.Where(c =>
            db.CampaignAssignments.Any(a => a.CampaignId == c.Id && a.UserId == me)
            || db.AccountAssignments.Any(a => a.AccountId == c.AccountId && a.UserId == me));
        var myAccounts = db.Accounts.Where(account =>
            db.AccountAssignments.Any(a => a.AccountId == account.Id && a.UserId == me)
            || myCampaigns.Any(c => c.AccountId == account.Id));
        return db.Goals.Where(g =>
            (g.SubjectKind == GoalSubject.User && g.SubjectId == me)
            || (g.SubjectKind == GoalSubject.Campaign && myCampaigns.Any(c => c.Id == g.SubjectId))
            || (g.SubjectKind == GoalSubject.Account && myAccounts.Any(a => a.Id == g.SubjectId)));
    }

    private static IQueryable<Goal> InScope(FacturixDb db, Actor actor)
    {
        var users = Scope.Users(db, actor);
        var campaigns = Scope.Campaigns(db, actor);
        var accounts = Scope.Accounts(db, actor);
        return db.Goals.Where(g =>
            (g.SubjectKind == GoalSubject.User && users.Any(u => u.Id == g.SubjectId))
            || (g.SubjectKind == GoalSubject.Campaign && campaigns.Any(c => c.Id == g.SubjectId))
            || (g.SubjectKind == GoalSubject.Account && accounts.Any(a => a.Id == g.SubjectId)));
    }

    /// <summary>The goals whose period contains <paramref name="today"/>: periods start aligned, so it is one start per unit.</summary>
    internal static System.Linq.Expressions.Expression<Func<Goal, bool>> Current(DateOnly today)
    {
        var week = GoalPeriods.StartOf(GoalPeriodUnit.Week, today);
        var month = GoalPeriods.StartOf(GoalPeriodUnit.Month, today);
        var quarter = GoalPeriods.StartOf(GoalPeriodUnit.Quarter, today);
        return g => (g.PeriodUnit == GoalPeriodUnit.Week && g.PeriodStart == week)
            || (g.PeriodUnit == GoalPeriodUnit.Month && g.PeriodStart == month)
            || (g.PeriodUnit == GoalPeriodUnit.Quarter && g.PeriodStart == quarter);
    }

    /// <summary>The goal if its subject is in the actor's scope; out of scope and missing look the same.</summary>
    private static async Task<Goal> FindAsync(FacturixDb db, Actor actor, Guid goalId, CancellationToken ct) =>
        await InScope(db, actor).FirstOrDefaultAsync(g => g.Id == goalId, ct) ?? throw new NotFoundException("goal", goalId);

    /// <summary>The subject's name when it is in the actor's scope; otherwise not found (we never reveal which).</summary>
    private static async Task<string> SubjectInScopeAsync(FacturixDb db, Actor actor, GoalSubject kind, Guid id, CancellationToken ct)
    {
        var name = kind switch
        {
            GoalSubject.User => await Scope.Users(db, actor).Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct),
            GoalSubject.Campaign => await Scope.Campaigns(db, actor).Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct),
            GoalSubject.Account => await Scope.Accounts(db, actor).Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct),
            _ => null,
        };
        return name ?? throw new NotFoundException(kind.ToString().ToLowerInvariant(), id);
    }

    /// <summary>
    /// The live event of a goal on this subject, with the account it belongs to: a dashboard whose scope snapshot was
    /// read before the campaign was created knows its account, not the campaign, and reloaded nothing without it.
    /// </summary>
    private static async Task<GoalsChanged> ChangedAsync(FacturixDb db, Guid goalId, GoalSubject kind, Guid subjectId, CancellationToken ct)
    {
        var accountId = kind switch
        {
            GoalSubject.Campaign => await db.Campaigns.Where(c => c.Id == subjectId).Select(c => (Guid?)c.AccountId).FirstOrDefaultAsync(ct),
            GoalSubject.Account => subjectId,
            _ => null,
        };
        return new GoalsChanged(goalId, kind, subjectId, accountId);
    }

    /// <summary>The unique index behind <see cref="RefuseDuplicateAsync"/>: two saves racing past the check cannot both land.</summary>
    internal const string UniqueIndex = "ux_goals_subject_metric_period";

    /// <summary>One goal per subject, metric and period: a second one would show two rings for the same thing.</summary>
    private static async Task RefuseDuplicateAsync(FacturixDb db, GoalInput input, Guid? exceptId, CancellationToken ct)
    {
        var taken = await db.Goals.AnyAsync(g => g.SubjectKind == input.SubjectKind && g.SubjectId == input.SubjectId
            && g.Metric == input.Metric && g.PeriodUnit == input.PeriodUnit && g.PeriodStart == input.PeriodStart
            && g.Id != exceptId, ct);
        if (taken) throw Duplicate();
    }

    private static ValidationException Duplicate() =>
        new([new ValidationFailure(nameof(GoalInput.Metric), GoalErrors.Duplicate) { ErrorCode = GoalErrors.Duplicate }]);

    internal static async Task<Dictionary<Guid, string>> NamesAsync(FacturixDb db, IReadOnlyCollection<Goal> goals, CancellationToken ct)
    {
        List<Guid> Of(GoalSubject kind) => goals.Where(g => g.SubjectKind == kind).Select(g => g.SubjectId).Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        if (Of(GoalSubject.User) is { Count: > 0 } users)
            foreach (var u in await db.Users.Where(u => users.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                names[u.Id] = u.DisplayName;
        if (Of(GoalSubject.Campaign) is { Count: > 0 } campaigns)
            foreach (var c in await db.Campaigns.Where(c => campaigns.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                names[c.Id] = c.Name;
        if (Of(GoalSubject.Account) is { Count: > 0 } accounts)
            foreach (var a in await db.Accounts.Where(a => accounts.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
                names[a.Id] = a.Name;
        return names;
    }

    private static void Apply(Goal goal, GoalInput input)
    {
        goal.SubjectKind = input.SubjectKind;
        goal.SubjectId = input.SubjectId;
        goal.Metric = input.Metric;
        goal.PeriodUnit = input.PeriodUnit;
        goal.PeriodStart = input.PeriodStart;
        goal.Target = input.Target;
    }

    private static object Snapshot(Goal g) => new
    {
        SubjectKind = g.SubjectKind.ToString(), g.SubjectId, Metric = g.Metric.ToString(), PeriodUnit = g.PeriodUnit.ToString(),
        g.PeriodStart, g.Target,
    };
}
