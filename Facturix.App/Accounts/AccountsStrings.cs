namespace Facturix.App.Accounts;

/// <summary>Marker for the accounts pages' localized strings (AccountsStrings.resx = French, .en.resx = English).</summary>
public sealed class AccountsStrings;
