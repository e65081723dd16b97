using System.Text;
using Facturix.Domain.Common;
using Facturix.Domain.Import;
using Facturix.Domain.Users;
using Facturix.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Facturix.Tests.Users;

/// <summary>The Imports rows of the matrix (issue 15): imports.run (admins, managers) and the import's campaign in scope.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    // Properties, not fields: the main file's Operations reads them while the static fields initialise.
    private static Who[] Importers => [Who.Admin, Who.ManagerInScope];

    private static ImportSettings ImportMatrixSettings => new(new ImportFormat("utf-8", ';', '"', true),
        [new ColumnMapping(0, "Nom", ImportField.LastName), new ColumnMapping(1, "Email", ImportField.Email)], DuplicatePolicy.Skip);

    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> ImportOperations() => new()
    {
        ["IImportService.DryRunAsync"] = (async (w, a) =>
            (await w.Get<IImportService>().DryRunAsync(a, await ImportInAsync(w, ImportState.Draft), ImportMatrixSettings)).New == 1, Importers),
        ["IImportService.StartAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Draft);
            try
            {
                await w.Get<IImportService>().StartAsync(a, id, ImportMatrixSettings);
            }
            catch (InvalidOperationException)
            {
                // This host has no job scheduler: the start itself went through (audited) and only the trigger failed.
            }
            await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
            return await db.AuditEvents.AnyAsync(e => e.Action == "import.started" && e.EntityId == id);
        }, Importers),
        ["IImportService.GetAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Completed);
            return (await w.Get<IImportService>().GetAsync(a, id)).Id == id;
        }, Importers),
        ["IImportService.ListAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Completed);
            return (await w.Get<IImportService>().ListAsync(a, new ImportListQuery(), new PageRequest())).Items.Any(i => i.Id == id);
        }, Importers),
        ["IImportService.WriteRejectsAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Completed);
            using var output = new MemoryStream();
            await w.Get<IImportService>().WriteRejectsAsync(a, id, output, code => code);
            return Encoding.UTF8.GetString(output.ToArray()).Contains(ImportRowRules.EmailInvalid, StringComparison.Ordinal);
        }, Importers),
        ["IImportService.RejectReasonsAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Completed);
            return (await w.Get<IImportService>().RejectReasonsAsync(a, id)).Any(r => r.Reason == ImportRowRules.EmailInvalid && r.Count == 1);
        }, Importers),
        ["IImportService.StopAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Queued);
            await w.Get<IImportService>().StopAsync(a, id);
            await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
            return await db.Imports.AnyAsync(i => i.Id == id && i.State == ImportState.Stopped);
        }, Importers),
        ["IImportService.RevertAsync"] = (async (w, a) =>
        {
            var id = await ImportInAsync(w, ImportState.Completed);
            await w.Get<IImportService>().RevertAsync(a, id);
            await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
            return await db.Imports.AnyAsync(i => i.Id == id && i.State == ImportState.Reverted);
        }, Importers),
    };

    /// <summary>An import of a two-row file (one good row, one reject recorded) in the world's campaign, by its first admin.</summary>
    private static async Task<Guid> ImportInAsync(World w, ImportState state)
    {
        var path = Path.Combine(Path.GetTempPath(), $"facturix-matrix-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "Nom;Email\r\nMartin;martin@example.fr\r\nDurand;pas-un-email\r\n", new UTF8Encoding(true));
        await using var db = w.Get<IDbContextFactory<FacturixDb>>().CreateDbContext();
        var import = new LeadImport
        {
            Id = Guid.CreateVersion7(), CampaignId = w.Campaign.Id, AccountId = w.Account.Id, CreatedById = w.Actors[Who.Admin].UserId,
            CreatedAt = DateTimeOffset.UtcNow, FileName = "matrice.csv", StoredPath = path, SizeBytes = new FileInfo(path).Length,
            Kind = ImportFileKind.Delimited, State = state,
            Settings = state == ImportState.Draft ? null : System.Text.Json.JsonSerializer.Serialize(ImportMatrixSettings,
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
        };
        db.Imports.Add(import);
        if (state != ImportState.Draft)
            db.ImportRejects.Add(new ImportReject { ImportId = import.Id, LineNumber = 3, Reason = ImportRowRules.EmailInvalid, Values = ["Durand", "pas-un-email"] });
        await db.SaveChangesAsync();
        return import.Id;
    }
}
