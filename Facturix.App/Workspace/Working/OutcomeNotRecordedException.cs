namespace Facturix.App.Workspace.Working;

/// <summary>
/// Thrown by <see cref="OutcomeBar.CommitPendingAsync"/> when the pending outcome could not be recorded: the reason is
/// already on the outcome bar's fields (or in a toast), what was typed is kept, and Finish &amp; Get Next must stop.
/// An <see cref="OperationCanceledException"/>, so <c>UiErrors.RunAsync</c> around the Finish does not show it again.
/// </summary>
public sealed class OutcomeNotRecordedException() : OperationCanceledException("The pending outcome was not recorded; the outcome bar shows why.");
