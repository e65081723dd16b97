using System.Text;
using Facturix.Domain.Import;
using Facturix.Domain.Users;

namespace Facturix.Tests.Users;

/// <summary>The ImportFiles rows of the matrix (issue 15): imports.run (admins, managers) and the campaign in scope.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>A method, not a field: the main file's Operations reads these rows while static fields initialise.</summary>
    private static Dictionary<string, (Func<World, Actor, Task<bool>>, Who[])> ImportFilesOperations()
    {
        Who[] Importers = [Who.Admin, Who.ManagerInScope];
        return new()
        {
        ["IImportFiles.UploadAsync"] = (async (w, a) =>
            (await UploadLeadsAsync(w, a)) != Guid.Empty, Importers),
        ["IImportFiles.PreviewAsync"] = (async (w, a) =>
        {
            var id = await UploadLeadsAsync(w, w.Actors[Who.Admin]);
            return (await w.Get<IImportFiles>().PreviewAsync(a, id, null)).Rows.Count == 1;
        }, Importers),
        ["IImportFiles.ProposeMappingAsync"] = (async (w, a) =>
        {
            var id = await UploadLeadsAsync(w, w.Actors[Who.Admin]);
            var proposal = await w.Get<IImportFiles>().ProposeMappingAsync(a, id, new ImportFormat("utf-8", ';', '"', true));
            return proposal.Columns[0].Field == ImportField.FirstName;
        }, Importers),
        ["IImportFiles.DiscardAsync"] = (async (w, a) =>
        {
            var id = await UploadLeadsAsync(w, w.Actors[Who.Admin]);
            await w.Get<IImportFiles>().DiscardAsync(a, id);
            return true;
        }, Importers),
        };
    }

    /// <summary>A small upload to the World's campaign, as <paramref name="actor"/>.</summary>
    private static async Task<Guid> UploadLeadsAsync(World w, Actor actor)
    {
        var bytes = Encoding.UTF8.GetBytes("Prénom;Nom;Société\nJean;Dupont;ACME\n");
        return (await w.Get<IImportFiles>().UploadAsync(actor, w.Campaign.Id, "leads.csv", bytes.Length, new MemoryStream(bytes))).ImportId;
    }
}
