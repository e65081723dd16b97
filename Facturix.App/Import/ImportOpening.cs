namespace Facturix.App.Import;

/// <summary>
/// The import this circuit is taking the person to (one per circuit): the wizard sets it as it starts an import and moves
/// to the import's page. The circuit's address changes only once the browser has followed, a moment later, and a small
/// import can end within that moment; <c>ImportDoneNotice</c> then stays quiet, since the page is about to show the result
/// (one message, not a toast on top of it). It counts only while the circuit still shows the wizard: on the import's page
/// the address says so, and anywhere else (the person moved on, or left that page later) its end is announced as any other.
/// </summary>
public sealed class ImportOpening
{
    public Guid? ImportId { get; set; }
}
