namespace Facturix.App.Localization;

/// <summary>
/// Marker for the one home of every label a stored value is shown with: <c>{EnumType}.{Member}</c> ("LeadStatus.New"),
/// <c>Role.{name}</c> ("Role.BD") and <c>Capability.{key}</c> ("Capability.leads.export"). EnumStrings.resx is
/// French (neutral), EnumStrings.en.resx English. Read it through <see cref="EnumText"/>, so a key is built one way.
/// </summary>
public sealed class EnumStrings;
