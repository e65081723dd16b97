using Facturix.Domain.Common;
using Facturix.Domain.Search;
using Facturix.Domain.Tasks;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The global search's and the tasks' rows of the matrix (decisions 0107, 0108).</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    // Properties, not fields: Operations (in the main file) is built by a static initializer that may run before this
    // file's fields are set.
    private static Who[] TheAssignedBdsTeam => [Who.Admin, Who.ManagerInScope];
    private static Who[] TheAssignedBdAndTheirManagers => [Who.Admin, Who.ManagerInScope, Who.AssignedBd];

    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> SearchAndTaskOperations() => new()
    {
        // Found as the leads list finds it: only by those who see the lead.
        ["IGlobalSearch.SearchAsync"] = (async (w, a) =>
            (await w.Get<IGlobalSearch>().SearchAsync(a, $"{w.Lead.FirstName} {w.Lead.LastName}", 20)).Leads?.Items.Any(l => l.Id == w.Lead.Id) == true,
            ThoseWhoSeeTheLead),
        // The team's list: the BD's task, for whoever answers for the BD's campaign.
        ["ITaskService.ListAsync"] = (async (w, a) =>
        {
            var id = await AssignedBdsTaskAsync(w);
            return (await w.Get<ITaskService>().ListAsync(a, new TaskListQuery(TaskView.Team), new PageRequest())).Items.Any(t => t.Id == id);
        }, TheAssignedBdsTeam),
        // A task of one's own on the lead: whoever sees the lead.
        ["ITaskService.CreateAsync"] = (async (w, a) =>
        {
            var id = await w.Get<ITaskService>().CreateAsync(a, new TaskInput { Title = "Rappeler", LeadId = w.Lead.Id });
            return await TaskExistsAsync(w, id);
        }, ThoseWhoSeeTheLead),
        // Given to the campaign's BD: their managers, and the BD for themselves.
        ["ITaskService.CreateAsync for the assigned BD"] = (async (w, a) =>
        {
            try
            {
                var id = await w.Get<ITaskService>().CreateAsync(a, new TaskInput { Title = "Relancer", AssigneeId = w.Actors[Who.AssignedBd].UserId });
                return await TaskExistsAsync(w, id);
            }
            catch (FluentValidation.ValidationException refused) when (refused.Errors.Single().ErrorCode == "task.assignee.unknown")
            {
                return false; // a manager of another team: that person is not theirs to give work to
            }
        }, TheAssignedBdAndTheirManagers),
        ["ITaskService.SetDoneAsync"] = (async (w, a) =>
        {
            var id = await AssignedBdsTaskAsync(w);
            await w.Get<ITaskService>().SetDoneAsync(a, id, true);
            await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
            return await db.Tasks.AnyAsync(t => t.Id == id && t.CompletedAt != null);
        }, TheAssignedBdAndTheirManagers),
        ["ITaskService.UpdateAsync"] = (async (w, a) =>
        {
            var id = await AssignedBdsTaskAsync(w);
            await w.Get<ITaskService>().UpdateAsync(a, id,
                new TaskInput { Title = "Reporté", AssigneeId = w.Actors[Who.AssignedBd].UserId, DueAt = DateTimeOffset.UtcNow.AddDays(7) });
            await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
            return await db.Tasks.AnyAsync(t => t.Id == id && t.Title == "Reporté");
        }, TheAssignedBdAndTheirManagers),
        ["ITaskService.DeleteAsync"] = (async (w, a) =>
        {
            var id = await AssignedBdsTaskAsync(w);
            await w.Get<ITaskService>().DeleteAsync(a, id);
            return !await TaskExistsAsync(w, id);
        }, TheAssignedBdAndTheirManagers),
        ["ITaskService.ListAssigneesAsync"] = (async (w, a) =>
            (await w.Get<ITaskService>().ListAssigneesAsync(a)).Any(p => p.UserId == w.Actors[Who.AssignedBd].UserId),
            TheAssignedBdAndTheirManagers),
    };

    /// <summary>A task of the campaign's BD, set by someone else (written directly: the cell tests the reader, not the writer).</summary>
    private static async Task<Guid> AssignedBdsTaskAsync(World w)
    {
        var now = w.Get<TimeProvider>().GetUtcNow();
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(), Title = "Suivi", AssigneeId = w.Actors[Who.AssignedBd].UserId, CreatedById = w.Actors[Who.Admin].UserId,
            CreatedAt = now, UpdatedAt = now,
        };
        await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    private static async Task<bool> TaskExistsAsync(World w, Guid id)
    {
        await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
        return await db.Tasks.AnyAsync(t => t.Id == id);
    }
}
